package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * What happens on the platform, as it happens, for the live views (the dashboard, {@code GET /system/events}) and
 * the metrics. Each event carries when it happened, in epoch milliseconds.
 */
public sealed interface PlatformEvent {
    /** When it happened, in milliseconds since the epoch. */
    long epochMillis();

    /** The function it concerns. */
    String function();

    /**
     * An instance entered {@code state} ({@code CREATING}, {@code STARTING}, {@code INITIALIZING}, {@code READY},
     * {@code DRAINING}, {@code REMOVED} or {@code FAILED}); {@code reason} says why when the platform knows (the
     * error type of a failed start, the cause of a retirement, {@code idle}).
     */
    record InstanceChanged(long epochMillis, String function, String instance, String state, @Nullable String reason)
            implements PlatformEvent {}

    /**
     * The scheduler decided how many instances a function needs, and why. A scale-out carries the inputs of {@code
     * ceil((inFlight + queued) / concurrency)}; a scale-in (an idle instance reclaimed) and a replacement after a
     * crash carry the pool's state at that moment.
     */
    record ScaleDecided(long epochMillis, String function, String direction, ScaleDecision decision)
            implements PlatformEvent {}

    /**
     * A function's deployed version changed without a deploy request: {@code sluice up} saw its code or the deployed
     * file change. {@code change} is {@code reloaded}, {@code deployed} (new in the file) or {@code removed};
     * {@code cause} says what changed, e.g. {@code target/todo.jar changed}.
     */
    record Reloaded(long epochMillis, String function, String change, String cause) implements PlatformEvent {}

    /**
     * A timer trigger fired: {@code outcome} is {@code ok}, the error of the call ({@code UnhandledInvocationError},
     * {@code 503 ...}), or {@code skipped} when the previous run still went; {@code millis} is how long the call took.
     */
    record TimerRan(long epochMillis, String function, String trigger, String outcome, long millis)
            implements PlatformEvent {}

    /** An instance became READY after a cold start, with the time each phase took. */
    record ColdStarted(long epochMillis, String function, String instance, ColdStart coldStart)
            implements PlatformEvent {}
}
