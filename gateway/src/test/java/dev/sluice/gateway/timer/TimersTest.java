package dev.sluice.gateway.timer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.TimerSchedule;
import dev.sluice.config.function.TimerTrigger;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.PlatformEvents;
import dev.sluice.testing.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class TimersTest {
    private final ManualClock clock = new ManualClock(); // starts at 2026-01-01T00:00:00Z
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<String>> pending = new ArrayList<>();
    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<PlatformEvent> events = new CopyOnWriteArrayList<>();
    private boolean answerAtOnce = true;
    private final Timers timers = timers();

    private Timers timers() {
        PlatformEvents platform = new PlatformEvents();
        platform.subscribe(events::add);
        return new Timers(
                clock,
                (function, event) -> {
                    calls.add(function + " " + new String(event, StandardCharsets.UTF_8));
                    CompletableFuture<String> outcome = new CompletableFuture<>();
                    pending.add(outcome);
                    if (answerAtOnce) {
                        outcome.complete("ok");
                    }
                    return outcome;
                },
                platform,
                said::add);
    }

    private static FunctionsDocument document(String function, TimerTrigger... timers) {
        var builder = FunctionSpec.builder(function, Path.of("/code/" + function), "index.handler")
                .runtime(Runtime.NODEJS20);
        for (TimerTrigger timer : timers) {
            builder.timer(timer);
        }
        return new FunctionsDocument(List.of(builder.build()));
    }

    private static TimerTrigger timer(String name, String schedule, String payload, boolean enabled) {
        return new TimerTrigger(name, TimerSchedule.parse(schedule), payload, enabled);
    }

    @Test
    void anEveryTimerCallsItsFunctionWithFcsTimerEventEachInterval() {
        timers.deploy(document("tick", timer("timer", "@every 2s", "hello", true)));

        clock.advance(Duration.ofMillis(1999));
        assertThat(calls).isEmpty();
        clock.advance(Duration.ofMillis(1));
        clock.advance(Duration.ofSeconds(2));

        assertThat(calls)
                .containsExactly(
                        "tick {\"triggerTime\":\"2026-01-01T00:00:02Z\",\"triggerName\":\"timer\",\"payload\":\"hello\"}",
                        "tick {\"triggerTime\":\"2026-01-01T00:00:04Z\",\"triggerName\":\"timer\",\"payload\":\"hello\"}");
        assertThat(events)
                .filteredOn(PlatformEvent.TimerRan.class::isInstance)
                .extracting(e -> ((PlatformEvent.TimerRan) e).outcome())
                .containsExactly("ok", "ok");
    }

    @Test
    void aCronTimerFiresAtTheTimesItNames() {
        timers.deploy(document("report", timer("hourly", "0 0 * * * *", "", true)));

        clock.advance(Duration.ofMinutes(59));
        assertThat(calls).isEmpty();
        clock.advance(Duration.ofMinutes(1));

        assertThat(calls).singleElement().asString().contains("\"triggerTime\":\"2026-01-01T01:00:00Z\"");
    }

    @Test
    void aRunStillGoingWhenTheNextIsDueIsNotStartedTwice() {
        answerAtOnce = false;
        timers.deploy(document("slow", timer("timer", "@every 2s", "", true)));

        clock.advance(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));
        clock.advance(Duration.ofSeconds(2));

        assertThat(calls).hasSize(1);
        assertThat(said)
                .hasSize(2)
                .first()
                .isEqualTo("slow timer timer due at 2026-01-01T00:00:04Z while its run from 2026-01-01T00:00:02Z"
                        + " still goes; not started twice");

        pending.get(0).complete("ok");
        clock.advance(Duration.ofSeconds(2));

        assertThat(calls).hasSize(2);
    }

    @Test
    void aDeployKeepsAnUnchangedTimersScheduleAndStopsRemovedAndDisabledOnes() {
        timers.deploy(document("tick", timer("timer", "@every 10s", "", true)));
        clock.advance(Duration.ofSeconds(6));

        timers.deploy(document("tick", timer("timer", "@every 10s", "", true), timer("off", "@every 1s", "", false)));
        clock.advance(Duration.ofSeconds(4));

        assertThat(calls).as("the kept timer fires at 10 s, not 16 s").hasSize(1);
        assertThat(timers.size()).isEqualTo(1);

        timers.deploy(new FunctionsDocument(List.of()));
        clock.advance(Duration.ofSeconds(30));

        assertThat(calls).hasSize(1);
        assertThat(timers.size()).isZero();
    }

    @Test
    void aFailedRunIsSaidAndCounted() {
        answerAtOnce = false;
        timers.deploy(document("tick", timer("timer", "@every 2s", "", true)));
        clock.advance(Duration.ofSeconds(2));

        pending.get(0).complete("UnhandledInvocationError");

        assertThat(said).containsExactly("tick timer timer run at 2026-01-01T00:00:02Z: UnhandledInvocationError");
        assertThat(events)
                .filteredOn(PlatformEvent.TimerRan.class::isInstance)
                .extracting(e -> ((PlatformEvent.TimerRan) e).outcome())
                .containsExactly("UnhandledInvocationError");
    }
}
