package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.runtime.Endpoint;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One slot of one READY instance, held for one request. Exactly one of {@link #release()} or {@link #retire(String)}
 * takes effect; later calls do nothing, so callers may release from every path without counting.
 */
public final class Lease {
    private final InstancePool pool;
    private final Instance instance;
    private final Endpoint endpoint;
    private final AtomicBoolean ended = new AtomicBoolean();

    Lease(InstancePool pool, Instance instance, Endpoint endpoint) {
        this.pool = pool;
        this.instance = instance;
        this.endpoint = endpoint;
    }

    /** Returns where to send the request. */
    public Endpoint endpoint() {
        return endpoint;
    }

    /** Returns the instance's id. */
    public String instanceId() {
        return instance.id();
    }

    /** Returns the function version the instance runs. */
    public FunctionSpec function() {
        return pool.spec();
    }

    /** Returns the id of the instance's container. */
    public @Nullable String containerId() {
        return instance.containerId();
    }

    /** Returns why the instance stopped serving (e.g. {@code OOMKilled}) if it has, or null. */
    public @Nullable String failure() {
        return pool.failureOf(instance);
    }

    /** Returns the slot to the instance. */
    public void release() {
        if (ended.compareAndSet(false, true)) {
            pool.release(instance);
        }
    }

    /**
     * Returns the slot and takes the instance out of service, because the slot can no longer be trusted (the request
     * timed out while the handler may still run, or the connection broke mid-request). The instance drains and is
     * replaced on demand.
     */
    public void retire(String reason) {
        if (ended.compareAndSet(false, true)) {
            pool.retire(instance, reason);
        }
    }
}
