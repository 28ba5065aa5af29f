package dev.sluice.gateway.timer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.TimerTrigger;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.PlatformEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Fires the deployed functions' timer triggers: at each time its schedule names, a timer calls its function with
 * FC's timer event ({@code {"triggerTime", "triggerName", "payload"}}). A run still going when the next one is due
 * is not started twice: that time is skipped, and said. A deploy keeps the schedule of each timer it leaves as it
 * was (same function, name, schedule, payload) and starts the others afresh.
 *
 * <p>Thread-safe; timing comes from the {@link Clock}, so tests drive it with a manual one.
 */
public final class Timers implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs one call of a function with an event and completes with how it went, e.g. {@code ok}. */
    public interface Invoker {
        CompletableFuture<String> invoke(String function, byte[] event);
    }

    private final Clock clock;
    private final Invoker invoker;
    private final PlatformEvents events;
    private final Consumer<String> say;
    private final Map<String, Timer> running = new HashMap<>();
    private boolean closed;

    public Timers(Clock clock, Invoker invoker, PlatformEvents events, Consumer<String> say) {
        this.clock = clock;
        this.invoker = invoker;
        this.events = events;
        this.say = say;
    }

    /** Makes the timers of {@code document} the ones that fire. */
    public synchronized void deploy(FunctionsDocument document) {
        if (closed) {
            return;
        }
        Map<String, Timer> next = new LinkedHashMap<>();
        for (FunctionSpec spec : document.functions()) {
            for (TimerTrigger trigger : spec.timers()) {
                if (!trigger.enabled()) {
                    continue;
                }
                String key = spec.name() + "/" + trigger.name();
                Timer kept = running.remove(key);
                next.put(key, kept != null && kept.trigger.equals(trigger) ? kept : start(spec.name(), trigger, kept));
            }
        }
        running.values().forEach(Timer::stop);
        running.clear();
        running.putAll(next);
    }

    private Timer start(String function, TimerTrigger trigger, @Nullable Timer replaced) {
        if (replaced != null) {
            replaced.stop();
        }
        Timer timer = new Timer(function, trigger);
        timer.scheduleAfter(Instant.ofEpochMilli(clock.epochMillis()));
        return timer;
    }

    /** Returns how many timers fire now. */
    public synchronized int size() {
        return running.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        running.values().forEach(Timer::stop);
        running.clear();
    }

    /** One trigger of one function: its next time, and the run in flight if any. */
    private final class Timer {
        private final String function;
        private final TimerTrigger trigger;
        private Clock.@Nullable Cancellable next;
        private @Nullable Instant inFlightSince;
        private boolean stopped;

        Timer(String function, TimerTrigger trigger) {
            this.function = function;
            this.trigger = trigger;
        }

        /** Schedules the first time after {@code after}; a schedule with no next time ends. Under Timers' lock. */
        void scheduleAfter(Instant after) {
            Instant at = trigger.schedule().nextAfter(after);
            if (at == null || stopped) {
                return;
            }
            long delayNanos = ChronoUnit.NANOS.between(Instant.ofEpochMilli(clock.epochMillis()), at);
            next = clock.schedule(Math.max(0, delayNanos), () -> fire(at));
        }

        private void fire(Instant at) {
            synchronized (Timers.this) {
                if (stopped) {
                    return;
                }
                scheduleAfter(at);
                Instant since = inFlightSince;
                if (since != null) {
                    say.accept(function + " timer " + trigger.name() + " due at " + at + " while its run from " + since
                            + " still goes; not started twice");
                    publish("skipped", 0);
                    return;
                }
                inFlightSince = at;
            }
            long t0 = clock.nanoTime();
            invoker.invoke(function, event(at)).whenComplete((outcome, error) -> {
                String result = error != null ? "failed: " + error.getMessage() : outcome;
                synchronized (Timers.this) {
                    inFlightSince = null;
                }
                if (!"ok".equals(result)) {
                    say.accept(function + " timer " + trigger.name() + " run at " + at + ": " + result);
                }
                publish(result, (clock.nanoTime() - t0) / 1_000_000);
            });
        }

        private byte[] event(Instant at) {
            Map<String, String> event = new LinkedHashMap<>();
            event.put("triggerTime", at.truncatedTo(ChronoUnit.SECONDS).toString());
            event.put("triggerName", trigger.name());
            event.put("payload", trigger.payload());
            try {
                return JSON.writeValueAsString(event).getBytes(StandardCharsets.UTF_8);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("three strings always write", e);
            }
        }

        private void publish(String outcome, long millis) {
            events.publish(new PlatformEvent.TimerRan(clock.epochMillis(), function, trigger.name(), outcome, millis));
        }

        void stop() {
            stopped = true;
            Clock.Cancellable pending = next;
            if (pending != null) {
                pending.cancel();
            }
        }
    }
}
