package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GatewayLimitsTest {
    @Test
    void theDefaultNumberOfConnectionsLeavesEachRoomForAnInstanceConnection() {
        assertThat(GatewayLimits.maxConnectionsFor(1_048_576)).isEqualTo(10_000);
        assertThat(GatewayLimits.maxConnectionsFor(20_000)).isEqualTo(9_728);
        assertThat(GatewayLimits.maxConnectionsFor(1_024)).isEqualTo(240);
        assertThat(GatewayLimits.maxConnectionsFor(256)).isEqualTo(64);
        assertThat(GatewayLimits.maxConnectionsFor(Long.MAX_VALUE)).isEqualTo(10_000);
    }

    @Test
    void theFilesNeededAreTheInverseOfTheDefault() {
        GatewayLimits limits = GatewayLimits.DEFAULT.withMaxConnections(9_728);

        assertThat(limits.openFilesNeeded()).isEqualTo(20_000);
        assertThat(GatewayLimits.DEFAULT.openFilesNeeded()).isEqualTo(20_544);
    }

    @Test
    void refusesLimitsThatServeNothing() {
        assertThatThrownBy(() -> GatewayLimits.DEFAULT.withMaxConnections(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConnections: 0 (expected: >= 1)");
        assertThatThrownBy(() -> new GatewayLimits(1, 0, Duration.ZERO, Duration.ofSeconds(1)))
                .hasMessage("headerTimeout: PT0S (expected: > 0)");
    }
}
