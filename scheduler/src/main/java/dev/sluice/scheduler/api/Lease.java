package dev.sluice.scheduler.api;

import dev.sluice.config.function.FunctionSpec;
import org.jspecify.annotations.Nullable;

/**
 * One slot of one READY instance, held for one request. Exactly one of {@link #release()} or {@link #retire(String)}
 * takes effect; later calls do nothing, so callers may release from every path without counting.
 */
public interface Lease {

    /** Returns where to send the request. */
    Endpoint endpoint();

    /** Returns the instance's id. */
    String instanceId();

    /** Returns the function version the instance runs. */
    FunctionSpec function();

    /** Returns the id of the instance's container, or null when it has none (yet). */
    @Nullable
    String containerId();

    /** Returns why the instance stopped serving (e.g. {@code OOMKilled}) if it has, or null. */
    @Nullable
    String failure();

    /**
     * Returns when the instance became READY ({@link Clock#nanoTime()}): a call that arrived before waited for its
     * cold start. {@link Long#MIN_VALUE} when unknown.
     */
    default long readyAtNanos() {
        return Long.MIN_VALUE;
    }

    /** Returns the phases of the instance's cold start, or null when unknown. */
    default @Nullable ColdStart coldStart() {
        return null;
    }

    /** Returns the slot to the instance. */
    void release();

    /**
     * Returns the slot and takes the instance out of service, because the slot can no longer be trusted (the request
     * timed out while the handler may still run, or the connection broke mid-request). The instance drains and is
     * replaced on demand.
     */
    void retire(String reason);
}
