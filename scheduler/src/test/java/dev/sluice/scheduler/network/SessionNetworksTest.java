package dev.sluice.scheduler.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.testing.FakeContainerRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionNetworksTest {
    private final FakeContainerRuntime containers = new FakeContainerRuntime();
    private final List<String> routes = new ArrayList<>();
    private final List<String> events = new ArrayList<>();

    private SessionNetworks open(String range) {
        return new SessionNetworks(
                        containers, "s1", Map.of("sluice.session", "s1"), Subnets.of(range), () -> routes, events::add)
                .open();
    }

    @Test
    void servicesShareOneNetworkAndStemCellsWaitOnAnIsolatedOne() {
        SessionNetworks networks = open("10.213.0.0/16");

        assertThat(networks.ofServices()).isEqualTo("sluice-s1");
        assertThat(networks.ofStemCells()).isEqualTo("sluice-s1-cells");
        assertThat(containers.networks.get("sluice-s1").isolated()).isFalse();
        assertThat(containers.networks.get("sluice-s1-cells").isolated()).isTrue();
        assertThat(containers.networks.get("sluice-s1").labels())
                .containsEntry("sluice.session", "s1")
                .containsEntry("sluice.managed", "true");
    }

    @Test
    void eachFunctionGetsItsOwnNetworkOnItsOwnSubnetOnce() {
        SessionNetworks networks = open("10.213.0.0/16");

        String hello = networks.ofFunction("hello");
        String todo = networks.ofFunction("todo");

        assertThat(hello).isEqualTo("sluice-s1-fn-hello");
        assertThat(networks.ofFunction("hello")).isEqualTo(hello);
        assertThat(containers.networks.get(hello).isolated()).isFalse();
        assertThat(containers.networks.get(hello).labels()).containsEntry("sluice.function", "hello");
        assertThat(containers.networks.values().stream().map(FakeContainerRuntime.FakeNetwork::subnet))
                .containsExactly("10.213.0.0/24", "10.213.1.0/24", "10.213.2.0/24", "10.213.3.0/24");
        assertThat(networks.names()).containsExactly("sluice-s1", "sluice-s1-cells", hello, todo);
    }

    @Test
    void subnetsOfOtherNetworksAndOfTheHostsRoutesAreLeftAlone() {
        containers.foreignSubnets.add("10.213.0.0/24");
        routes.add("10.213.1.0/24");

        open("10.213.0.0/16");

        assertThat(containers.networks.get("sluice-s1").subnet()).isEqualTo("10.213.2.0/24");
    }

    @Test
    void everyServiceJoinsEveryFunctionsNetworkUnderItsName() {
        SessionNetworks networks = open("10.213.0.0/16");
        String hello = networks.ofFunction("hello");

        networks.serviceUp("db1", "todo-db");
        String todo = networks.ofFunction("todo");

        assertThat(containers.joined.get("db1")).containsExactly(hello, todo);
    }

    @Test
    void aServiceThatStoppedJoinsNoNewNetwork() {
        SessionNetworks networks = open("10.213.0.0/16");
        networks.serviceUp("db1", "todo-db");
        networks.serviceDown("db1");

        networks.ofFunction("hello");

        assertThat(containers.joined).doesNotContainKey("db1");
    }

    @Test
    void aStemCellJoinsTheNetworkOfTheFunctionItBecame() {
        SessionNetworks networks = open("10.213.0.0/16");

        networks.join("cell1", "hello");

        assertThat(containers.joined.get("cell1")).containsExactly("sluice-s1-fn-hello");
    }

    @Test
    void aFullRangeFailsSayingWhatToDo() {
        SessionNetworks networks = open("10.213.0.0/23");

        assertThatThrownBy(() -> networks.ofFunction("hello"))
                .isInstanceOf(ContainerRuntimeException.class)
                .hasMessageContaining("no free /24 is left in 10.213.0.0/23 for the network sluice-s1-fn-hello")
                .hasMessageContaining("--subnets");
    }

    @Test
    void aFunctionNameTheEngineWouldRefuseIsMadeSafeAndKeptApart() {
        assertThat(SessionNetworks.dockerName("todo-list_2")).isEqualTo("todo-list_2");
        assertThat(SessionNetworks.dockerName("svc$fn")).startsWith("svc-fn-");
        assertThat(SessionNetworks.dockerName("svc$fn")).isNotEqualTo(SessionNetworks.dockerName("svc#fn"));
        assertThat(SessionNetworks.dockerName("x".repeat(64))).hasSizeLessThan(60);
    }
}
