package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice top} against a fake gateway serving the {@code /system/metrics} contract. */
class TopCommandTest {
    @TempDir
    Path home;

    private FakeGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void onceInPlainPrintsOneFrameWithoutControlCodes() {
        gateway.json("GET", "/system/metrics", 200, TopFrameTest.METRICS);

        CommandRun run = CommandRun.of(home, "top", "--once", "--plain", "--url", gateway.url());

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out)
                .startsWith("sluice top  " + gateway.url() + "  2026-11-25T15:00:00Z\n")
                .contains("todo  in-flight 11 / capacity 20, queued 0, ceil(11 / 10) = 2\n")
                .contains("  todo-1  READY     [##########] 10/10\n")
                .contains("  todo-db  RUNNING  127.0.0.1:32886  restarts 0\n")
                .doesNotContain("\033");
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void anUnreachableGatewayIsOneLineNamingTheUrlAndExits4() throws Exception {
        String url = gateway.url();
        gateway.close();

        CommandRun run = CommandRun.of(home, "top", "--once", "--url", url);

        assertThat(run.status).isEqualTo(Main.EXIT_UNREACHABLE);
        assertThat(run.err)
                .isEqualTo("sluice top: cannot reach the gateway at " + url
                        + " (connection refused); is `sluice up` running?\n");
        assertThat(run.out).isEmpty();
    }

    @Test
    void aGatewayWithoutMetricsIsAFailureThatSaysWhy() {
        CommandRun run = CommandRun.of(home, "top", "--once", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err).contains("has no /system/metrics");
    }

    @Test
    void rejectsAnIntervalBelowATenthOfASecond() {
        CommandRun run = CommandRun.of(home, "top", "--interval", "0", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err).isEqualTo("sluice top: --interval: 0.0 (expected: >= 0.1 seconds)\n");
        assertThat(gateway.requests).isEmpty();
    }
}
