package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.autoscale.ScalePolicy;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Everything one pool knows: its instances, the requests waiting for a slot, and the counters its rules need. Not
 * thread-safe: the owning {@link InstancePool} guards it with its lock, records facts into it and applies the
 * decider's actions to it; {@link PoolDecider} only reads it.
 */
final class PoolState {
    final FunctionSpec spec;
    final ScalePolicy policy;
    final Instances instances;
    /** Requests waiting for a slot, oldest first. Non-empty only while no READY instance has a free slot. */
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Set once, when the pool stops taking requests. */
    boolean closed;
    /** When the last watermark scale-out happened, or {@link Long#MIN_VALUE}. */
    long lastWatermarkScaleNanos = Long.MIN_VALUE;
    /** Reserved instances that failed to start since an instance last became READY. */
    int failedStartsInARow;
    /** The latest scaling decision, or null before the first. */
    @Nullable
    ScaleDecision lastDecision;
    /** The number of the latest instance; ids are {@link #idPrefix} and it: {@code hello-3}, {@code hello-v2-1}. */
    int sequence;
    /** What the pool's instance ids start with: the function's name, and a published version's id. */
    final String idPrefix;

    PoolState(FunctionSpec spec, ScalePolicy policy, String idPrefix) {
        this.spec = spec;
        this.idPrefix = idPrefix;
        this.policy = policy;
        this.instances = new Instances(spec.watermarks());
    }
}
