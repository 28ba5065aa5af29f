package example.todo;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps as the functions store and show them. */
final class Clocks {
    private Clocks() {}

    /**
     * Returns {@code clock}'s instant to the millisecond: what a JavaScript {@code Date} holds, so the client's
     * dates survive a round trip unchanged.
     */
    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
