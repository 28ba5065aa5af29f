package dev.sluice.scheduler.autoscale;

/**
 * The pause before something that keeps failing is started again (a reserved instance whose start fails, a service
 * that keeps exiting): 1 s, 2 s, 4 s, 8 s, 16 s, 32 s, then 60 s each time, so that a broken start does not run in
 * a loop.
 */
public final class Backoff {
    /** The longest pause. */
    public static final long MAX_SECONDS = 60;

    private Backoff() {}

    /** Returns the pause after {@code failuresInARow} failures (1 or more; less counts as 1). */
    public static long seconds(int failuresInARow) {
        return Math.min(MAX_SECONDS, 1L << Math.min(Math.max(failuresInARow, 1) - 1, 6));
    }
}
