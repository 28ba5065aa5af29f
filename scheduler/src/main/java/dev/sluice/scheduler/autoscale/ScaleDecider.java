package dev.sluice.scheduler.autoscale;

import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.ScaleReason;

/**
 * Decides how many instances a pool needs. Pure: the same load, policy and time give the same decision, so it is
 * tested with plain numbers (the way Knative tests its {@code Scale}).
 *
 * <p>{@code desired = clamp(ceil((inFlight + queued) / concurrency), minInstances, maxInstances)}. Worked example,
 * concurrency 10: 10 in flight and 1 queued give ceil(11 / 10) = 2; 100 give 10; with maxInstances 5, 100 give 5
 * and the other 50 requests wait in the queue.
 *
 * <p>Watermarks add to that: when some instance stayed above its high watermark for the whole window (the load's
 * {@code hot}), one instance more than live is wanted, even with free slots, at most once per cooldown and never
 * beyond maxInstances.
 */
public final class ScaleDecider {
    private ScaleDecider() {}

    /** Returns the decision for {@code load} under {@code policy} at {@code nowNanos}. */
    public static ScaleDecision decide(PoolLoad load, ScalePolicy policy, long nowNanos) {
        int byConcurrency = ScaleDecision.byConcurrency(load.inFlight(), load.queued(), policy.concurrency());
        int desired = byConcurrency;
        ScaleReason reason = ScaleReason.CONCURRENCY;
        if (byConcurrency < policy.minInstances()) {
            desired = policy.minInstances();
            reason = ScaleReason.RESERVED;
        }
        if (load.hot() && isCooledDown(load, policy, nowNanos) && load.live() + 1 > desired) {
            desired = load.live() + 1;
            reason = ScaleReason.WATERMARK;
        }
        desired = Math.min(desired, policy.maxInstances());
        return new ScaleDecision(
                desired, byConcurrency, load.live(), load.inFlight(), load.queued(), policy.concurrency(), reason);
    }

    private static boolean isCooledDown(PoolLoad load, ScalePolicy policy, long nowNanos) {
        return load.lastWatermarkScaleNanos() == Long.MIN_VALUE
                || nowNanos - load.lastWatermarkScaleNanos()
                        >= policy.watermarkCooldown().toNanos();
    }
}
