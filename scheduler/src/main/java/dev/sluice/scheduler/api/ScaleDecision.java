package dev.sluice.scheduler.api;

import java.util.Locale;

/**
 * How many instances a pool should have, why, and the inputs that gave that answer.
 *
 * @param desired live instances wanted; the pool starts {@code desired - live} more when positive and never stops
 *     busy instances because of it (idle reclaim does the scaling in)
 * @param byConcurrency {@code ceil((inFlight + queued) / concurrency)} before clamping
 * @param reason what drove {@code desired}
 */
public record ScaleDecision(
        int desired, int byConcurrency, int live, int inFlight, int queued, int concurrency, ScaleReason reason) {

    /**
     * Returns the decision to reclaim one idle instance: from {@code live + 1} instances to {@code live}, with
     * {@code inFlight} and {@code queued} the pool's load then.
     */
    public static ScaleDecision idle(int live, int inFlight, int queued, int concurrency) {
        return new ScaleDecision(
                live,
                byConcurrency(inFlight, queued, concurrency),
                live + 1,
                inFlight,
                queued,
                concurrency,
                ScaleReason.IDLE);
    }

    /** Returns {@code ceil((inFlight + queued) / concurrency)}: the instances the requests need. */
    public static int byConcurrency(int inFlight, int queued, int concurrency) {
        return (inFlight + queued + concurrency - 1) / concurrency;
    }

    /** Returns the formula of {@link #byConcurrency} with these numbers, e.g. {@code ceil((10 + 1) / 10) = 2}. */
    public static String formula(int inFlight, int queued, int concurrency) {
        return String.format(
                Locale.ROOT,
                "ceil((%d + %d) / %d) = %d",
                inFlight,
                queued,
                concurrency,
                byConcurrency(inFlight, queued, concurrency));
    }

    /** Returns how many instances to start now. */
    public int toStart() {
        return Math.max(0, desired - live);
    }

    /** Returns the formula with today's numbers, e.g. {@code ceil((10 + 1) / 10) = 2}. */
    public String formula() {
        return formula(inFlight, queued, concurrency);
    }

    @Override
    public String toString() {
        return formula() + ", live " + live + " -> desired " + desired + " (" + reason + ")";
    }
}
