package dev.sluice.scheduler.pool;

import java.time.Duration;

/**
 * How long each phase of one instance's cold start took. {@code initialize} is zero when the function has no
 * initializer.
 */
public record ColdStart(Duration create, Duration start, Duration portReady, Duration initialize) {

    /** Returns the sum of all phases. */
    public Duration total() {
        return create.plus(start).plus(portReady).plus(initialize);
    }

    @Override
    public String toString() {
        return "create " + create.toMillis() + " ms, start " + start.toMillis() + " ms, port ready "
                + portReady.toMillis() + " ms, initializer " + initialize.toMillis() + " ms (total "
                + total().toMillis() + " ms)";
    }
}
