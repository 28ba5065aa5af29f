package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.Lease;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** A lease on a slot of one of a pool's instances; the first of release or retire ends it, later calls do nothing. */
final class InstanceLease implements Lease {
    private final InstancePool pool;
    private final Instance instance;
    private final Endpoint endpoint;
    private final AtomicBoolean ended = new AtomicBoolean();

    InstanceLease(InstancePool pool, Instance instance, Endpoint endpoint) {
        this.pool = pool;
        this.instance = instance;
        this.endpoint = endpoint;
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public String instanceId() {
        return instance.id();
    }

    @Override
    public FunctionSpec function() {
        return pool.spec();
    }

    @Override
    public @Nullable String containerId() {
        return instance.containerId();
    }

    @Override
    public @Nullable String failure() {
        return pool.failureOf(instance);
    }

    @Override
    public long readyAtNanos() {
        return instance.readyAtNanos();
    }

    @Override
    public @Nullable ColdStart coldStart() {
        return instance.coldStart();
    }

    @Override
    public void release() {
        if (ended.compareAndSet(false, true)) {
            pool.release(instance);
        }
    }

    @Override
    public void retire(String reason) {
        if (ended.compareAndSet(false, true)) {
            pool.retire(instance, reason);
        }
    }
}
