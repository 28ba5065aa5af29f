package dev.sluice.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.testing.FakeContainerRuntime;
import dev.sluice.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine's watch on a fake engine and a manual clock: each ping happens when the test moves time. */
class EngineWatchTest {
    private final FakeContainerRuntime engine = new FakeContainerRuntime();
    private final ManualClock clock = new ManualClock();
    private final List<String> console = new ArrayList<>();
    private final List<String> exits = new ArrayList<>();
    private final AtomicInteger reconciled = new AtomicInteger();
    private final EngineWatch watch = new EngineWatch(
            engine,
            Runnable::run,
            clock,
            console::add,
            "sluice.session",
            "s1",
            exits::add,
            reconciled::incrementAndGet);

    @Test
    void anEngineThatStopsAnsweringIsSaidOnceAndItsReturnAfterHowLong() {
        watch.start();
        engine.unreachable = true;

        clock.advance(EngineWatch.INTERVAL);
        clock.advance(EngineWatch.INTERVAL.multipliedBy(3));

        assertThat(watch.state().up()).isFalse();
        assertThat(watch.state().reason()).contains("cannot be reached");
        assertThat(console)
                .singleElement()
                .asString()
                .contains("cannot be reached")
                .contains("EngineUnavailable");
        assertThat(reconciled).as("nothing to reconcile while it is away").hasValue(0);

        engine.unreachable = false;
        clock.advance(EngineWatch.INTERVAL);

        assertThat(watch.state().up()).isTrue();
        assertThat(console).hasSize(2).last().asString().contains("back after 8 s");
        assertThat(reconciled).as("what runs checked once on its return").hasValue(1);
    }

    @Test
    void aBrokenExitStreamIsWatchedAgainAndWhatWasMissedReconciled() throws IOException {
        watch.start();
        String container = engine.create(new ContainerSpec(
                "img", "c", Map.of(), Map.of(), List.of(), List.of(), List.of(), 64, 1, 64, 9000, "1:1", null,
                List.of(), 16));

        engine.breakStreams(new IOException("connection reset"));

        assertThat(reconciled).as("checked at once, not at the next tick").hasValue(1);
        engine.exit(container, 137, false);
        assertThat(exits).as("exits seen again").containsExactly(container);
        assertThat(console)
                .as("the engine never stopped answering pings: nothing to say")
                .isEmpty();
    }

    @Test
    void aClosedWatchPingsNoMore() {
        watch.start();
        watch.close();
        engine.unreachable = true;

        clock.advance(Duration.ofMinutes(1));

        assertThat(watch.state().up()).isTrue();
        assertThat(clock.pendingTasks()).isZero();
    }
}
