package dev.sluice.scheduler.pool;

import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.autoscale.PoolLoad;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one pool, oldest first, and the questions the pool asks of them. Not thread-safe: the owning
 * {@link InstancePool} guards it with its lock.
 */
final class Instances {
    private final List<Instance> all = new ArrayList<>();
    private final Watermarks watermarks;

    Instances(Watermarks watermarks) {
        this.watermarks = watermarks;
    }

    void add(Instance instance) {
        all.add(instance);
    }

    void remove(Instance instance) {
        all.remove(instance);
    }

    boolean isEmpty() {
        return all.isEmpty();
    }

    /** Returns the instances, oldest first; read only, and not while changing them. */
    List<Instance> all() {
        return all;
    }

    /** Returns the slots that starting instances will bring plus the free slots of READY ones. */
    int capacityComing() {
        int capacity = 0;
        for (Instance i : all) {
            if (i.state().isStarting()) {
                capacity += i.slots();
            } else if (i.state() == InstanceState.READY) {
                capacity += i.slots() - i.leased();
            }
        }
        return capacity;
    }

    /** Returns the load the decider sees, counting every instance that is not draining as live. */
    PoolLoad load(int queued, long lastWatermarkScaleNanos, long nowNanos) {
        int live = 0;
        int inFlight = 0;
        boolean hot = false;
        for (Instance i : all) {
            if (i.state() != InstanceState.DRAINING) {
                live++;
                inFlight += i.leased();
                hot |= i.state() == InstanceState.READY && isHot(i, nowNanos);
            }
        }
        return new PoolLoad(live, inFlight, queued, hot, lastWatermarkScaleNanos);
    }

    /** Returns how many live instances are reserved ones. */
    int reservedCount() {
        int reserved = 0;
        for (Instance i : all) {
            if (i.state() != InstanceState.DRAINING && i.isReserved()) {
                reserved++;
            }
        }
        return reserved;
    }

    /** Returns the serving (not starting) instance running in {@code containerId}, or null. */
    @Nullable
    Instance servingIn(String containerId) {
        for (Instance i : all) {
            if (containerId.equals(i.containerId()) && !i.state().isStarting()) {
                return i;
            }
        }
        return null;
    }

    /** Returns the READY instance with this id, or null. */
    @Nullable
    Instance ready(String instanceId) {
        for (Instance i : all) {
            if (i.id().equals(instanceId) && i.state() == InstanceState.READY) {
                return i;
            }
        }
        return null;
    }

    List<InstanceView> views() {
        return all.stream().map(Instance::view).toList();
    }

    List<InstanceView> readyViews() {
        return all.stream()
                .filter(i -> i.state() == InstanceState.READY)
                .map(Instance::view)
                .toList();
    }

    /** Returns whether {@code instance} stayed above a high watermark for the whole window ending now. */
    boolean isHot(Instance instance, long nowNanos) {
        // Asked on every acquire: without watermarks there is nothing to look at.
        return !watermarks.equals(Watermarks.NONE) && instance.usage().isSustainedAbove(watermarks, nowNanos);
    }
}
