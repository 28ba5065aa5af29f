package dev.sluice.scheduler.autoscale;

import dev.sluice.config.function.FunctionSpec;
import java.time.Duration;

/**
 * The scaling parameters of one function version.
 *
 * @param concurrency slots per instance ({@code instanceConcurrency})
 * @param minInstances reserved instances, started at deploy and never reclaimed
 * @param maxInstances the cap on live instances (starting, initializing or ready)
 * @param maxQueued how many requests may wait for a slot before the next one is refused at once
 * @param watermarkCooldown the least time between two watermark scale-outs of this function
 */
public record ScalePolicy(
        int concurrency, int minInstances, int maxInstances, int maxQueued, Duration watermarkCooldown) {

    public ScalePolicy {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency: " + concurrency + " (expected: >= 1)");
        }
        if (minInstances < 0 || minInstances > maxInstances) {
            throw new IllegalArgumentException(
                    "minInstances: " + minInstances + " (expected: 0.." + maxInstances + ", maxInstances)");
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 0)");
        }
    }

    /** The queue of the smallest functions: enough that a handful of concurrent callers wait rather than fail. */
    public static final int MIN_QUEUE = 10;

    /**
     * Returns the policy of {@code spec}. The queue holds one full round of capacity, {@code maxInstances x
     * instanceConcurrency} requests and at least {@link #MIN_QUEUE}, waiting while instances start or slots free up;
     * one more is refused with 429 at once.
     */
    public static ScalePolicy of(FunctionSpec spec, Duration watermarkCooldown) {
        return new ScalePolicy(
                spec.instanceConcurrency(),
                spec.minInstances(),
                spec.maxInstances(),
                Math.max(MIN_QUEUE, spec.maxInstances() * spec.instanceConcurrency()),
                watermarkCooldown);
    }
}
