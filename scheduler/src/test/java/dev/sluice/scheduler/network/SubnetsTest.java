package dev.sluice.scheduler.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubnetsTest {

    @Test
    void takesTheFirstSlash24OfTheRangeThatNothingUses() {
        Subnets subnets = Subnets.of("10.213.0.0/16");

        assertThat(subnets.firstFree(List.of())).contains("10.213.0.0/24");
        assertThat(subnets.firstFree(List.of("10.213.0.0/24", "10.213.1.0/24"))).contains("10.213.2.0/24");
    }

    @Test
    void skipsEverySlash24ThatAWiderOrNarrowerSubnetOverlaps() {
        Subnets subnets = Subnets.of("10.213.0.0/16");

        // A /23 covers two of them; a /28 inside the third still makes it unusable.
        assertThat(subnets.firstFree(List.of("10.213.0.0/23", "10.213.2.16/28")))
                .contains("10.213.3.0/24");
        // The engine's own networks and IPv6 ones elsewhere change nothing.
        assertThat(subnets.firstFree(List.of("172.17.0.0/16", "fd00::/64", "junk")))
                .contains("10.213.0.0/24");
    }

    @Test
    void aRangeCoveredByARouteOrNetworkHasNoneFree() {
        assertThat(Subnets.of("10.213.0.0/16").firstFree(List.of("10.0.0.0/8"))).isEmpty();

        List<String> all = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            all.add("192.168.8." + (i * 64) + "/26");
        }
        assertThat(Subnets.of("192.168.8.0/24").firstFree(all)).isEmpty();
        assertThat(Subnets.of("192.168.8.0/24").firstFree(all.subList(0, 3))).isEmpty();
        assertThat(Subnets.of("192.168.8.0/23").firstFree(all)).contains("192.168.9.0/24");
    }

    @Test
    void theRangeIsNormalizedToItsNetworkAddress() {
        assertThat(Subnets.of("10.213.7.9/16").range()).isEqualTo("10.213.0.0/16");
    }

    @Test
    void refusesWhatIsNotAnIpv4RangeOfAtLeastOneSlash24() {
        assertThatThrownBy(() -> Subnets.of("10.213.0.0/25")).hasMessageContaining("narrower than one /24");
        for (String bad : List.of("10.213.0.0", "10.213.0/16", "10.213.0.256/16", "fd00::/64", "10.213.0.0/33", "")) {
            assertThatThrownBy(() -> Subnets.of(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not an IPv4 range in CIDR form");
        }
    }
}
