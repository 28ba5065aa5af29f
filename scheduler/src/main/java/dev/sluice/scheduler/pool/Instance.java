package dev.sluice.scheduler.pool;

import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.autoscale.MetricWindow;
import org.jspecify.annotations.Nullable;

/**
 * One container serving one function version. Mutable state is guarded by the owning {@link InstancePool}'s lock:
 * only the pool changes it, and only while holding that lock. The launcher writes {@link #containerId} and
 * {@link #endpoint} through the pool as well.
 */
final class Instance {
    private final String id;
    private final int slots;
    /** Reserved instances are kept however idle; an on-demand one is promoted when a reserved one is lost. */
    private boolean reserved;
    /** CPU and memory readings, for the watermarks. */
    private final MetricWindow usage;

    private InstanceState state = InstanceState.CREATING;
    /** The engine's id once created; null before. */
    private @Nullable String containerId;
    /** Where the container listens; null until started. */
    private @Nullable Endpoint endpoint;
    /** Leases out now. Never above {@link #slots}; may be above zero while DRAINING. */
    private int leased;

    private long idleSinceNanos;
    private @Nullable ColdStart coldStart;
    private volatile long readyAtNanos = Long.MIN_VALUE;
    private @Nullable String failure;

    Instance(String id, int slots, boolean reserved, long nowNanos, MetricWindow usage) {
        this.id = id;
        this.slots = slots;
        this.reserved = reserved;
        this.usage = usage;
        this.idleSinceNanos = nowNanos;
    }

    String id() {
        return id;
    }

    int slots() {
        return slots;
    }

    boolean isReserved() {
        return reserved;
    }

    void reserve() {
        reserved = true;
    }

    MetricWindow usage() {
        return usage;
    }

    InstanceState state() {
        return state;
    }

    void moveTo(InstanceState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("instance " + id + ": " + state + " -> " + next + " (expected: a move"
                    + " allowed by InstanceState)");
        }
        state = next;
    }

    @Nullable
    String containerId() {
        return containerId;
    }

    void containerId(String containerId) {
        this.containerId = containerId;
    }

    @Nullable
    Endpoint endpoint() {
        return endpoint;
    }

    void endpoint(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    int leased() {
        return leased;
    }

    boolean hasFreeSlot() {
        return state == InstanceState.READY && leased < slots;
    }

    void lease() {
        if (!hasFreeSlot()) {
            throw new IllegalStateException(
                    "instance " + id + " has no free slot (" + leased + "/" + slots + ", " + state + ")");
        }
        leased++;
    }

    void release(long nowNanos) {
        if (leased <= 0) {
            throw new IllegalStateException("instance " + id + ": release without a lease");
        }
        leased--;
        if (leased == 0) {
            idleSinceNanos = nowNanos;
        }
    }

    /** Notes that it became READY at {@code nowNanos}. */
    void readyAt(long nowNanos) {
        readyAtNanos = nowNanos;
    }

    /**
     * Starts an idle period at {@code nowNanos} for an instance that just became READY with no lease: its idle time
     * counts from then, not from its creation, so that the idle check armed now finds the same start.
     */
    void idleFrom(long nowNanos) {
        if (leased == 0) {
            idleSinceNanos = nowNanos;
        }
    }

    long idleSinceNanos() {
        return idleSinceNanos;
    }

    @Nullable
    ColdStart coldStart() {
        return coldStart;
    }

    /** When it became READY, or {@link Long#MIN_VALUE} before. Written under the pool's lock, read by leases. */
    long readyAtNanos() {
        return readyAtNanos;
    }

    void coldStart(ColdStart coldStart) {
        this.coldStart = coldStart;
    }

    @Nullable
    String failure() {
        return failure;
    }

    void failure(String failure) {
        this.failure = failure;
    }

    InstanceView view() {
        MetricWindow.Sample latest = usage.latest();
        return new InstanceView(
                id,
                state,
                containerId,
                endpoint == null ? null : endpoint.authority(),
                endpoint == null ? null : endpoint.callAuthority(),
                leased,
                slots,
                reserved,
                coldStart,
                failure,
                latest == null ? null : latest.cpu(),
                latest == null ? null : latest.memory());
    }
}
