package dev.sluice.scheduler.release;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.api.Alias;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficSplitTest {

    private static TrafficSplit split(String version, Map<String, Double> weights) {
        return TrafficSplit.of(new Alias("f", "prod", version, weights, "", Instant.EPOCH));
    }

    private static Map<String, Integer> count(TrafficSplit split, int calls) {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < calls; i++) {
            counts.merge(split.next(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aTenthGoesToTheOtherVersionOnceInEveryTenCalls() {
        TrafficSplit split = split("1", Map.of("2", 0.1));

        assertThat(split.cycleLength()).isEqualTo(10);
        for (int cycle = 0; cycle < 5; cycle++) {
            assertThat(count(split, 10)).containsExactlyInAnyOrderEntriesOf(Map.of("1", 9, "2", 1));
        }
    }

    @Test
    void aThousandCallsSplitExactly() {
        assertThat(count(split("1", Map.of("2", 0.1)), 1000))
                .containsExactlyInAnyOrderEntriesOf(Map.of("1", 900, "2", 100));
        assertThat(count(split("3", Map.of("1", 0.03)), 1000))
                .containsExactlyInAnyOrderEntriesOf(Map.of("3", 970, "1", 30));
    }

    @Test
    void threeVersionsAreInterleavedNotBunched() {
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("2", 0.25);
        weights.put("3", 0.25);
        TrafficSplit split = split("1", weights);

        assertThat(split.cycleLength()).isEqualTo(4);
        String[] cycle = new String[4];
        for (int i = 0; i < 4; i++) {
            cycle[i] = split.next();
        }
        // Version 1's two calls of each four are never both at the start: a burst of calls sees every version.
        assertThat(List.of(cycle)).containsExactlyInAnyOrder("1", "1", "2", "3");
        assertThat(cycle[0].equals("1") && cycle[1].equals("1")).isFalse();
    }

    @Test
    void theWholeShareToAnotherVersionLeavesTheAliasVersionNothing() {
        assertThat(count(split("1", Map.of("2", 1.0)), 20)).containsExactlyEntriesOf(Map.of("2", 20));
    }

    @Test
    void noWeightsSendsEveryCallToTheVersion() {
        assertThat(count(split("4", Map.of()), 7)).containsExactlyEntriesOf(Map.of("4", 7));
        assertThat(count(split("4", Map.of("2", 0.0)), 7)).containsExactlyEntriesOf(Map.of("4", 7));
    }

    @Test
    void weightsAreTakenToAHundredthOfAPercent() {
        TrafficSplit split = split("1", Map.of("2", 0.0001));

        assertThat(split.cycleLength()).isEqualTo(10_000);
        assertThat(count(split, 10_000)).containsExactlyInAnyOrderEntriesOf(Map.of("1", 9999, "2", 1));
    }
}
