package dev.sluice.scheduler.api;

/**
 * Time as the scheduler sees it: a monotonic reading and delayed tasks. Production uses {@code SystemClock}; tests
 * pass a manual clock that fires tasks when advanced, so that scheduling is exact and nothing sleeps.
 */
public interface Clock {

    /** Returns the current monotonic time in nanoseconds: for durations and deadlines. */
    long nanoTime();

    /** Returns the wall-clock time in milliseconds since the epoch: for timestamps people and other systems read. */
    long epochMillis();

    /** Runs {@code task} once, {@code delayNanos} from now, unless cancelled first. */
    Cancellable schedule(long delayNanos, Runnable task);

    /** A scheduled task that can be called off. */
    interface Cancellable {
        /** Cancels the task if it has not run; does nothing otherwise. */
        void cancel();
    }
}
