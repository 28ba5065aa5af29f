package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.Clock;
import dev.sluice.scheduler.NoCapacityException;
import dev.sluice.scheduler.SchedulerException;
import dev.sluice.scheduler.runtime.Endpoint;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one function version, and the requests waiting for a slot on one of them.
 *
 * <p>Concurrency contract:
 *
 * <ol>
 *   <li>All state (instances, their slots and states, the waiters) is guarded by {@code this}. Methods hold the lock
 *       only to decide; they never block, call the container engine or complete a future while holding it.
 *   <li>Container work (create, start, probe, initialize, remove) runs on the launcher's executor and reports back
 *       through {@link #created}, {@link #ready}, {@link #failed}, each of which takes the lock.
 *   <li>Futures handed to callers are completed after the lock is released, so a caller's callback may call back
 *       into the pool (e.g. release at once) without deadlock.
 * </ol>
 *
 * <p>Scale-out is decided when a request arrives: {@code desired = clamp(ceil((inFlight + queued) / concurrency),
 * minInstances, maxInstances)}, and the difference to the live instances is started at once, in parallel. Example
 * with concurrency 10: 11 concurrent requests give ceil(11 / 10) = 2 instances; 100 give 10.
 */
public final class InstancePool {
    private final FunctionSpec spec;
    private final String image;
    private final InstanceLauncher launcher;
    private final Clock clock;

    private final List<Instance> instances = new ArrayList<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean closed;
    private int sequence;

    public InstancePool(FunctionSpec spec, String image, InstanceLauncher launcher, Clock clock) {
        this.spec = spec;
        this.image = image;
        this.launcher = launcher;
        this.clock = clock;
    }

    /** Returns the function version this pool serves. */
    public FunctionSpec spec() {
        return spec;
    }

    /** Returns the image the pool's containers run. */
    public String image() {
        return image;
    }

    /** Starts the reserved instances ({@code minInstances}). */
    public void start() {
        List<Instance> toLaunch;
        synchronized (this) {
            toLaunch = scaleOut();
        }
        toLaunch.forEach(i -> launcher.launch(this, i));
    }

    /**
     * Returns a lease on a free slot, at once when one is free, or when one frees up (an instance becomes READY or a
     * lease is released) before {@code deadlineNanos}. Fails with a {@link SchedulerException} otherwise.
     */
    public CompletableFuture<Lease> acquire(long deadlineNanos) {
        Waiter waiter;
        List<Instance> toLaunch;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new NoCapacityException(
                        "function \"" + spec.name() + "\" is being removed", spec.name(), null, null));
            }
            Instance free = pickFree();
            if (free != null) {
                free.lease();
                return CompletableFuture.completedFuture(new Lease(this, free, endpointOf(free)));
            }
            waiter = new Waiter();
            waiters.add(waiter);
            toLaunch = scaleOut();
        }
        waiter.timer = clock.schedule(deadlineNanos - clock.nanoTime(), () -> expire(waiter));
        toLaunch.forEach(i -> launcher.launch(this, i));
        return waiter.future;
    }

    /** Fill the busiest instance first, reserved ones before on-demand ones (FC semantics). */
    private @Nullable Instance pickFree() {
        return instances.stream()
                .filter(Instance::hasFreeSlot)
                .max(Comparator.comparing(Instance::isReserved).thenComparingInt(Instance::leased))
                .orElse(null);
    }

    /** Returns the instances to start so that the live ones reach the desired count. Caller holds the lock. */
    private List<Instance> scaleOut() {
        int live = 0;
        int inFlight = 0;
        int reserved = 0;
        for (Instance i : instances) {
            if (i.state() != InstanceState.DRAINING) {
                live++;
                inFlight += i.leased();
                reserved += i.isReserved() ? 1 : 0;
            }
        }
        int desired = desired(inFlight + waiters.size());
        List<Instance> toLaunch = new ArrayList<>();
        for (int n = live; n < desired; n++) {
            boolean isReserved = reserved++ < spec.minInstances();
            Instance instance = new Instance(
                    spec.name() + "-" + ++sequence, spec.instanceConcurrency(), isReserved, clock.nanoTime());
            instances.add(instance);
            toLaunch.add(instance);
        }
        return toLaunch;
    }

    int desired(int demand) {
        int concurrency = spec.instanceConcurrency();
        int byConcurrency = (demand + concurrency - 1) / concurrency; // ceil; Math.ceilDiv needs Java 18
        return Math.max(spec.minInstances(), Math.min(spec.maxInstances(), byConcurrency));
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
        }
        waiter.future.completeExceptionally(new NoCapacityException(
                "no instance of \"" + spec.name()
                        + "\" had a free slot before the request's deadline (" + spec.maxInstances() + " instances x "
                        + spec.instanceConcurrency() + " slots at most)",
                spec.name(),
                null,
                null));
    }

    /** Records the container id; returns false when the instance should not go on (the pool closed meanwhile). */
    synchronized boolean created(Instance instance, String containerId) {
        instance.containerId(containerId);
        return instance.state() == InstanceState.CREATING;
    }

    /** Drops an instance whose launch stopped because the pool closed; the launch removes its container. */
    synchronized void abandon(Instance instance) {
        if (instance.state() == InstanceState.DRAINING) {
            instance.moveTo(InstanceState.REMOVED);
        }
        instances.remove(instance);
        if (instance.containerId() != null) {
            launcher.remove(instance);
        }
    }

    /** Moves a starting instance on; returns false when it should not go on (the pool closed meanwhile). */
    synchronized boolean advance(Instance instance, InstanceState next, @Nullable Endpoint endpoint) {
        if (!instance.state().isStarting()) {
            return false;
        }
        if (endpoint != null) {
            instance.endpoint(endpoint);
        }
        instance.moveTo(next);
        return true;
    }

    void ready(Instance instance, ColdStart coldStart) {
        List<Handoff> handoffs = new ArrayList<>();
        synchronized (this) {
            instance.coldStart(coldStart);
            if (!instance.state().isStarting()) {
                abandon(instance);
                return;
            }
            instance.moveTo(InstanceState.READY);
            serveWaiters(instance, handoffs);
        }
        handoffs.forEach(Handoff::complete);
    }

    void failed(Instance instance, SchedulerException cause) {
        List<Waiter> failing = new ArrayList<>();
        synchronized (this) {
            instance.failure(cause.getMessage() == null ? cause.errorType() : cause.getMessage());
            if (!instance.state().isFinal()) {
                instance.moveTo(InstanceState.FAILED);
            }
            instances.remove(instance);
            // The waiters this instance would have served fail with its reason; the rest still have capacity coming.
            int excess = waiters.size() - capacityComing();
            for (int n = 0; n < excess; n++) {
                failing.add(Objects.requireNonNull(waiters.poll()));
            }
        }
        for (Waiter w : failing) {
            w.cancelTimer();
            w.future.completeExceptionally(cause);
        }
    }

    private int capacityComing() {
        int capacity = 0;
        for (Instance i : instances) {
            if (i.state().isStarting()) {
                capacity += i.slots();
            } else if (i.state() == InstanceState.READY) {
                capacity += i.slots() - i.leased();
            }
        }
        return capacity;
    }

    void release(Instance instance) {
        List<Handoff> handoffs = new ArrayList<>();
        synchronized (this) {
            instance.release(clock.nanoTime());
            if (instance.state() == InstanceState.DRAINING) {
                removeIfIdle(instance);
                return;
            }
            serveWaiters(instance, handoffs);
        }
        handoffs.forEach(Handoff::complete);
    }

    void retire(Instance instance, String reason) {
        List<Instance> toLaunch;
        synchronized (this) {
            instance.release(clock.nanoTime());
            instance.failure(reason);
            if (instance.state() == InstanceState.READY) {
                instance.moveTo(InstanceState.DRAINING);
            }
            removeIfIdle(instance);
            toLaunch = waiters.isEmpty() ? List.of() : scaleOut();
        }
        toLaunch.forEach(i -> launcher.launch(this, i));
    }

    private void serveWaiters(Instance instance, List<Handoff> handoffs) {
        while (instance.hasFreeSlot() && !waiters.isEmpty()) {
            Waiter waiter = Objects.requireNonNull(waiters.poll());
            instance.lease();
            handoffs.add(new Handoff(waiter, new Lease(this, instance, endpointOf(instance))));
        }
    }

    /** Removes a DRAINING instance's container once its last lease is back. Caller holds the lock. */
    private void removeIfIdle(Instance instance) {
        if (instance.state() == InstanceState.DRAINING && instance.leased() == 0) {
            instance.moveTo(InstanceState.REMOVED);
            instances.remove(instance);
            launcher.remove(instance);
        }
    }

    /**
     * Stops taking requests, fails the waiting ones, and drains every instance: idle ones are removed at once, busy
     * ones when their last lease is released, starting ones as soon as their launch notices.
     */
    public void close() {
        List<Waiter> failing;
        synchronized (this) {
            closed = true;
            failing = new ArrayList<>(waiters);
            waiters.clear();
            for (Instance instance : List.copyOf(instances)) {
                boolean launching = instance.state().isStarting();
                if (instance.state() != InstanceState.DRAINING) {
                    instance.moveTo(InstanceState.DRAINING);
                }
                // A launching instance is abandoned by its launch at the next step; see abandon().
                if (!launching) {
                    removeIfIdle(instance);
                }
            }
        }
        for (Waiter w : failing) {
            w.cancelTimer();
            w.future.completeExceptionally(new NoCapacityException(
                    "function \"" + spec.name() + "\" was removed while the request waited", spec.name(), null, null));
        }
    }

    /** Returns whether the pool is closed and every one of its containers is gone (or going). */
    public synchronized boolean isDrained() {
        return closed && instances.isEmpty();
    }

    /** Returns a snapshot of the instances, oldest first. */
    public synchronized List<InstanceView> instances() {
        return instances.stream().map(Instance::view).toList();
    }

    /** Returns how many requests wait for a slot now. */
    public synchronized int queued() {
        return waiters.size();
    }

    private static Endpoint endpointOf(Instance instance) {
        return Objects.requireNonNull(instance.endpoint(), "a READY instance has an endpoint");
    }

    /** A request waiting for a slot. */
    private static final class Waiter {
        final CompletableFuture<Lease> future = new CompletableFuture<>();
        volatile Clock.@Nullable Cancellable timer;

        void cancelTimer() {
            Clock.Cancellable t = timer;
            if (t != null) {
                t.cancel();
            }
        }
    }

    /** A lease decided under the lock, handed to its waiter after the lock is released. */
    private record Handoff(Waiter waiter, Lease lease) {
        void complete() {
            waiter.cancelTimer();
            if (!waiter.future.complete(lease)) {
                lease.release();
            }
        }
    }
}
