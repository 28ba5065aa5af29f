package dev.sluice.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.Lease;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class TraceparentTest {
    private static final String CALLER = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private static final long MS = 1_000_000;

    @Test
    void aCallersTraceGoesOnWithTheGatewaysSpanAndABadOneStartsAnew() {
        String child = Traceparent.childOf(CALLER);

        assertThat(child)
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(CALLER);
        assertThat(Traceparent.childOf(null)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        for (String bad : new String[] {
            "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
            "garbage"
        }) {
            assertThat(Traceparent.childOf(bad)).as(bad).doesNotContain("4bf92f3577b34da6a3ce929d0e0e4736");
        }
    }

    @Test
    void serverTimingSplitsTheCallIntoQueueTheColdStartItWaitedForFunctionAndGateway() {
        Timelines timelines = new Timelines();
        CallTrace cold = timelines.start("r1", "hello", CALLER, 0, 0);
        ColdStart start = ColdStart.fresh(
                Duration.ofMillis(80), Duration.ofMillis(700), Duration.ofMillis(20), Duration.ofMillis(100));
        cold.leased(lease(950 * MS, start), 1000 * MS); // READY at 950 ms, leased at 1000 ms
        cold.sent(1001 * MS);
        cold.answered(1011 * MS);

        assertThat(cold.serverTiming(1012 * MS))
                .isEqualTo("queue;dur=50.000, create;dur=80.000, start;dur=700.000, port-ready;dur=20.000,"
                        + " initialize;dur=100.000, function;dur=10.000, gateway;dur=2.000");

        CallTrace warm = timelines.start("r2", "hello", null, 2000 * MS, 0);
        warm.leased(lease(950 * MS, start), 2000 * MS);
        warm.sent(2000 * MS);
        warm.answered(2003 * MS);
        assertThat(warm.serverTiming(2004 * MS)).isEqualTo("queue;dur=0.000, function;dur=3.000, gateway;dur=1.000");

        timelines.finish(warm, 2004 * MS, 200, "");
        assertThat(timelines.json("r2")).containsEntry("function", "hello").containsEntry("statusCode", 200);
        assertThat(timelines.recent("hello")).hasSize(1);
        assertThat(timelines.json("unknown")).isNull();
    }

    private static Lease lease(long readyAtNanos, ColdStart coldStart) {
        return new Lease() {
            @Override
            public Endpoint endpoint() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String instanceId() {
                return "hello-1";
            }

            @Override
            public FunctionSpec function() {
                return FunctionSpec.builder("hello", Path.of("/code/hello.jar"), "a.B::c")
                        .build();
            }

            @Override
            public @Nullable String containerId() {
                return null;
            }

            @Override
            public @Nullable String failure() {
                return null;
            }

            @Override
            public long readyAtNanos() {
                return readyAtNanos;
            }

            @Override
            public ColdStart coldStart() {
                return coldStart;
            }

            @Override
            public void release() {}

            @Override
            public void retire(String reason) {}
        };
    }
}
