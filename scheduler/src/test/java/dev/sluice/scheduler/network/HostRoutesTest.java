package dev.sluice.scheduler.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class HostRoutesTest {

    @Test
    void readsEachRoutedNetworkAndLeavesOutTheDefaultRoute() {
        List<String> table = List.of(
                "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT",
                "eth0\t00000000\t0100A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0",
                "eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0",
                "tun0\t0000000A\t00000000\t0001\t0\t0\t0\t000000FF\t0\t0\t0",
                "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0",
                "garbage");

        assertThat(HostRoutes.parse(table)).containsExactly("192.168.0.0/24", "10.0.0.0/8", "172.17.0.0/16");
    }

    @Test
    void anEmptyTableHasNoRoutes() {
        assertThat(HostRoutes.parse(List.of())).isEmpty();
    }
}
