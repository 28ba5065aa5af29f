package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GatewayHandlerTest {
    @Test
    void theDashboardIsNeverAnHttpTriggersPath() {
        assertThat(GatewayHandler.servesItself("/ui")).isTrue();
        assertThat(GatewayHandler.servesItself("/ui/")).isTrue();
        assertThat(GatewayHandler.servesItself("/ui/dashboard.js?v=1")).isTrue();
        assertThat(GatewayHandler.servesItself("/system/events")).isTrue();
    }

    @Test
    void leavesOtherPathsToTriggers() {
        assertThat(GatewayHandler.servesItself("/")).isFalse();
        assertThat(GatewayHandler.servesItself("/uix")).isFalse();
        assertThat(GatewayHandler.servesItself("/api/rule")).isFalse();
    }
}
