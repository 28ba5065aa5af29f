package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.Clock;
import dev.sluice.scheduler.NoCapacityException;
import dev.sluice.scheduler.QueueFullException;
import dev.sluice.scheduler.SchedulerException;
import dev.sluice.scheduler.autoscale.MetricWindow;
import dev.sluice.scheduler.autoscale.PoolLoad;
import dev.sluice.scheduler.autoscale.ScaleDecider;
import dev.sluice.scheduler.autoscale.ScaleDecision;
import dev.sluice.scheduler.autoscale.ScalePolicy;
import dev.sluice.scheduler.autoscale.ScaleReason;
import dev.sluice.scheduler.events.PlatformEvent;
import dev.sluice.scheduler.runtime.Endpoint;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one function version, and the requests waiting for a slot on one of them. Scaling is decided
 * here, when something happens (a request arrives or finishes, an instance becomes ready, fails or crashes, a usage
 * reading comes in), never on a timer tick, by the pure {@link ScaleDecider}; this class collects the load and acts
 * on it. Scaling in is idle reclaim, per instance.
 *
 * <p>Concurrency contract:
 *
 * <ol>
 *   <li>All state (instances, their slots, states and usage windows, the waiters) is guarded by {@code this}.
 *       Methods hold the lock only to decide; they never block, call the container engine or complete a future
 *       while holding it.
 *   <li>Container work (create, start, probe, initialize, remove) runs on the launcher's executor and reports back
 *       through {@link #created}, {@link #advance}, {@link #ready}, {@link #failed}, each of which takes the lock.
 *   <li>Futures handed to callers are completed after the lock is released, so a caller's callback may call back
 *       into the pool (e.g. release at once) without deadlock.
 *   <li>Timers (request deadlines, idle reclaim) run on the clock's thread and take the lock like any caller.
 * </ol>
 *
 * <p>Rules, FC's: an instance's slots are filled before another instance is started; reserved instances
 * ({@code minInstances}) are started at deploy, used first and never reclaimed; at most {@code maxInstances} live;
 * a request with no free slot waits in a bounded queue until its deadline, and when the queue is full it is refused
 * at once; an instance idle for {@code idleTimeout} is drained and removed.
 *
 * <p>This is the scheduler's longest class (about 440 lines) on purpose: every rule above reads and changes the same
 * state under the one lock, and spreading them over classes would spread the lock. The questions asked of the
 * instance list live in {@link Instances}, the decision in {@link ScaleDecider}.
 */
public final class InstancePool {
    private static final long MAX_RESTART_DELAY_SECONDS = 60;
    private final FunctionSpec spec;
    private final String image;
    private final InstanceLauncher launcher;
    private final Clock clock;
    private final PoolSettings settings;
    private final ScalePolicy policy;

    private final Instances instances;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private boolean closed;
    private int sequence;
    private long lastWatermarkScaleNanos = Long.MIN_VALUE;
    private @Nullable ScaleDecision lastDecision;
    /** Reserved instances that failed to start since the last one that became READY. */
    private int failedStartsInARow;

    public InstancePool(
            FunctionSpec spec, String image, InstanceLauncher launcher, Clock clock, PoolSettings settings) {
        this.spec = spec;
        this.image = image;
        this.launcher = launcher;
        this.clock = clock;
        this.settings = settings;
        this.policy = ScalePolicy.of(spec, settings.watermarkCooldown());
        this.instances = new Instances(spec.watermarks());
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
        launchAll(toLaunch);
    }

    /**
     * Returns a lease on a free slot: at once when one is free, or when one frees up (an instance becomes READY or a
     * lease is released) before {@code deadlineNanos}. Fails with a {@link QueueFullException} at once when the queue
     * is full, and with a {@link SchedulerException} saying why when no slot came in time.
     */
    public CompletableFuture<Lease> acquire(long deadlineNanos) {
        Waiter waiter = new Waiter(deadlineNanos);
        List<Instance> toLaunch;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new NoCapacityException(
                        "function \"" + spec.name() + "\" is being removed", spec.name(), null, null));
            }
            Instance free = instances.pickFree(clock.nanoTime());
            if (free != null) {
                free.lease();
                return CompletableFuture.completedFuture(new Lease(this, free, endpointOf(free)));
            }
            // Requests that starting instances will take do not count: the queue bounds the wait beyond capacity.
            int beyondCapacity = waiters.size() - instances.capacityComing();
            if (beyondCapacity >= policy.maxQueued()) {
                return CompletableFuture.failedFuture(new QueueFullException(
                        "function \"" + spec.name() + "\" has " + beyondCapacity + " requests queued beyond what its"
                                + " instances can take (at most " + policy.maxQueued() + ": maxInstances x"
                                + " instanceConcurrency, and at least " + ScalePolicy.MIN_QUEUE + "); retry later",
                        spec.name()));
            }
            waiters.add(waiter);
            toLaunch = scaleOut();
        }
        waiter.timer(clock.schedule(deadlineNanos - clock.nanoTime(), () -> expire(waiter)));
        launchAll(toLaunch);
        return waiter.future;
    }

    /** Decides, and returns the instances to start so that the live ones reach the desired count. Holds the lock. */
    private List<Instance> scaleOut() {
        long now = clock.nanoTime();
        int reserved = instances.reservedCount();
        ScaleDecision decision =
                ScaleDecider.decide(instances.load(waiters.size(), lastWatermarkScaleNanos, now), policy, now);
        lastDecision = decision;
        if (decision.toStart() == 0) {
            return List.of();
        }
        if (decision.reason() == ScaleReason.WATERMARK) {
            lastWatermarkScaleNanos = now;
        }
        launcher.event(spec.name() + " scale out: " + decision);
        launcher.publish(new PlatformEvent.ScaleDecided(System.currentTimeMillis(), spec.name(), "out", decision));
        List<Instance> toLaunch = new ArrayList<>();
        for (int n = 0; n < decision.toStart(); n++) {
            boolean isReserved = reserved++ < spec.minInstances();
            Instance instance = new Instance(
                    spec.name() + "-" + ++sequence, spec.instanceConcurrency(), isReserved, now, newUsageWindow());
            instances.add(instance);
            move(instance, InstanceState.CREATING, null);
            toLaunch.add(instance);
        }
        return toLaunch;
    }

    /** Moves {@code instance} to {@code state} and tells the platform's listeners. Call holding this pool's lock. */
    private void move(Instance instance, InstanceState state, @Nullable String reason) {
        if (instance.state() != state) {
            instance.moveTo(state);
        }
        launcher.publish(new PlatformEvent.InstanceChanged(
                System.currentTimeMillis(), spec.name(), instance.id(), state.name(), reason));
    }

    private MetricWindow newUsageWindow() {
        return new MetricWindow(settings.watermarkWindow(), launcher.cpuLimitOf(spec), spec.memoryMb() * 1024L * 1024L);
    }

    private void launchAll(List<Instance> toLaunch) {
        for (Instance instance : toLaunch) {
            launcher.launch(this, instance);
        }
    }

    private void expire(Waiter waiter) {
        synchronized (this) {
            if (!waiters.remove(waiter)) {
                return;
            }
        }
        waiter.fail(new NoCapacityException(
                "no instance of \"" + spec.name() + "\" had a free slot before the request's deadline ("
                        + spec.maxInstances() + " instances x " + spec.instanceConcurrency() + " slots at most)",
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
            move(instance, InstanceState.REMOVED, instance.failure());
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
        move(instance, next, null);
        return true;
    }

    void ready(Instance instance, ColdStart coldStart) {
        List<Handoff> handoffs = new ArrayList<>();
        List<Instance> toLaunch;
        synchronized (this) {
            instance.coldStart(coldStart);
            if (!instance.state().isStarting()) {
                abandon(instance);
                return;
            }
            move(instance, InstanceState.READY, instance.failure());
            failedStartsInARow = 0;
            serveWaiters(instance, handoffs);
            if (instance.leased() == 0) {
                long now = clock.nanoTime();
                instance.idleFrom(now);
                scheduleIdleCheck(instance, now);
            }
            toLaunch = waiters.isEmpty() || closed ? List.of() : scaleOut();
        }
        handoffs.forEach(Handoff::complete);
        launchAll(toLaunch);
    }

    void failed(Instance instance, SchedulerException cause) {
        List<Waiter> failing = new ArrayList<>();
        List<Instance> toLaunch = List.of();
        synchronized (this) {
            instance.failure(cause.getMessage() == null ? cause.errorType() : cause.getMessage());
            if (!instance.state().isFinal()) {
                move(instance, InstanceState.FAILED, cause.errorType());
            }
            instances.remove(instance);
            // The waiters this instance would have served fail with its reason; the rest still have capacity coming.
            int excess = waiters.size() - instances.capacityComing();
            for (int n = 0; n < excess; n++) {
                failing.add(Objects.requireNonNull(waiters.poll()));
            }
            if (!closed && instance.isReserved()) {
                scheduleReservedRestart(); // keep minInstances, without a tight loop when every start fails
            }
        }
        failing.forEach(w -> w.fail(cause));
        launchAll(toLaunch);
    }

    /**
     * Starts a failed reserved instance again after a pause that doubles with each failure in a row (1 s, 2 s, 4 s,
     * up to a minute), so that a broken initializer does not start containers in a loop. Requests still start
     * instances at once. Holds the lock.
     */
    private void scheduleReservedRestart() {
        failedStartsInARow++;
        long delaySeconds = Math.min(MAX_RESTART_DELAY_SECONDS, 1L << Math.min(failedStartsInARow - 1, 6));
        launcher.event(spec.name() + ": reserved instance failed to start (" + failedStartsInARow
                + " in a row); next try in " + delaySeconds + " s");
        clock.schedule(TimeUnit.SECONDS.toNanos(delaySeconds), () -> {
            List<Instance> restart;
            synchronized (this) {
                restart = closed ? List.of() : scaleOut();
            }
            launchAll(restart);
        });
    }

    /**
     * Takes an instance whose container exited out of service: the requests in flight on it fail on their own (their
     * connections break) and learn the reason from {@link Lease#failure()}; the instance is replaced if the pool
     * needs it (reserved instances, or requests waiting). Returns false if the container is not one of this pool's.
     */
    public boolean crashed(String containerId, String reason) {
        List<Instance> toLaunch;
        synchronized (this) {
            Instance instance = instances.servingIn(containerId);
            if (instance == null) {
                return false; // unknown, already gone, or still launching (the launch notices and fails itself)
            }
            instance.failure(reason);
            move(instance, InstanceState.FAILED, "crash");
            instances.remove(instance);
            launcher.event(instance.id() + " crashed: " + reason);
            launcher.remove(instance);
            toLaunch = closed ? List.of() : scaleOut();
        }
        launchAll(toLaunch);
        return true;
    }

    void release(Instance instance) {
        List<Handoff> handoffs = new ArrayList<>();
        List<Instance> toLaunch;
        synchronized (this) {
            long now = clock.nanoTime();
            instance.release(now);
            if (instance.state() == InstanceState.DRAINING) {
                removeIfIdle(instance);
                return;
            }
            serveWaiters(instance, handoffs);
            if (instance.leased() == 0 && instance.state() == InstanceState.READY) {
                scheduleIdleCheck(instance, now);
            }
            toLaunch = waiters.isEmpty() || closed ? List.of() : scaleOut();
        }
        handoffs.forEach(Handoff::complete);
        launchAll(toLaunch);
    }

    void retire(Instance instance, String reason) {
        List<Instance> toLaunch;
        synchronized (this) {
            instance.release(clock.nanoTime());
            instance.failure(reason);
            if (instance.state() == InstanceState.READY) {
                move(instance, InstanceState.DRAINING, instance.failure());
            }
            removeIfIdle(instance);
            toLaunch = closed || (waiters.isEmpty() && !instance.isReserved()) ? List.of() : scaleOut();
        }
        launchAll(toLaunch);
    }

    /** Returns why an instance stopped serving (crash reason, retirement), or null while it is fine. */
    synchronized @Nullable String failureOf(Instance instance) {
        return instance.failure();
    }

    private void serveWaiters(Instance instance, List<Handoff> handoffs) {
        while (instance.hasFreeSlot() && !waiters.isEmpty()) {
            Waiter waiter = Objects.requireNonNull(waiters.poll());
            instance.lease();
            handoffs.add(new Handoff(waiter, new Lease(this, instance, endpointOf(instance))));
        }
    }

    private void scheduleIdleCheck(Instance instance, long idleSinceNanos) {
        if (instance.isReserved()) {
            return; // reserved instances are kept however idle
        }
        clock.schedule(spec.idleTimeout().toNanos(), () -> reclaimIfIdle(instance, idleSinceNanos));
    }

    /** Drains an instance that has been idle since {@code idleSinceNanos}, if it still is and use is low. */
    private void reclaimIfIdle(Instance instance, long idleSinceNanos) {
        synchronized (this) {
            if (closed
                    || instance.state() != InstanceState.READY
                    || instance.leased() > 0
                    || instance.idleSinceNanos() != idleSinceNanos) {
                return; // used since, or gone: a later idle period has its own check
            }
            if (!instance.usage().isBelowLow(spec.watermarks())) {
                scheduleIdleCheck(instance, idleSinceNanos);
                return;
            }
            move(instance, InstanceState.DRAINING, "idle");
            PoolLoad load = instances.load(waiters.size(), 0, clock.nanoTime());
            launcher.publish(new PlatformEvent.ScaleDecided(
                    System.currentTimeMillis(),
                    spec.name(),
                    "in",
                    ScaleDecision.idle(load, spec.instanceConcurrency())));
            launcher.event(spec.name() + " scale in: " + instance.id() + " idle for "
                    + spec.idleTimeout().toSeconds() + " s (" + ScaleReason.IDLE + ")");
            removeIfIdle(instance);
        }
    }

    /** Records a usage reading of a READY instance and scales out if a watermark is now breached. */
    public void recordUsage(String instanceId, ResourceUsage usage) {
        List<Instance> toLaunch = List.of();
        synchronized (this) {
            Instance instance = instances.ready(instanceId);
            if (instance != null) {
                instance.usage().record(clock.nanoTime(), usage);
                toLaunch = closed ? List.of() : scaleOut();
            }
        }
        launchAll(toLaunch);
    }

    /** Removes a DRAINING instance's container once its last lease is back. Caller holds the lock. */
    private void removeIfIdle(Instance instance) {
        if (instance.state() == InstanceState.DRAINING && instance.leased() == 0) {
            move(instance, InstanceState.REMOVED, instance.failure());
            instances.remove(instance);
            // A healthy instance (reclaimed, or replaced by a deploy) gets its pre-stop handler; a failed one does not.
            launcher.retire(instance, instance.failure() == null ? spec : null);
        }
    }

    /**
     * Stops taking requests and drains every instance: idle ones are removed at once, busy ones when their last lease
     * is released, starting ones as soon as their launch notices. Requests still waiting move to {@code successor}
     * (the function's next version) with their deadlines, or fail when there is none.
     */
    public void close(@Nullable InstancePool successor) {
        List<Waiter> moving;
        synchronized (this) {
            closed = true;
            moving = new ArrayList<>(waiters);
            waiters.clear();
            for (Instance instance : instances.copy()) {
                boolean launching = instance.state().isStarting();
                if (instance.state() != InstanceState.DRAINING) {
                    move(instance, InstanceState.DRAINING, instance.failure());
                }
                // A launching instance is abandoned by its launch at the next step; see abandon().
                if (!launching) {
                    removeIfIdle(instance);
                }
            }
        }
        for (Waiter w : moving) {
            w.cancelTimer();
            if (successor != null) {
                successor.adopt(w);
            } else {
                w.fail(new NoCapacityException(
                        "function \"" + spec.name() + "\" was removed while the request waited",
                        spec.name(),
                        null,
                        null));
            }
        }
    }

    /** Takes over a request that waited on the previous version, keeping its deadline (and its place: no bound). */
    private void adopt(Waiter waiter) {
        List<Instance> toLaunch;
        synchronized (this) {
            waiters.add(waiter);
            toLaunch = scaleOut();
        }
        waiter.timer(clock.schedule(waiter.deadlineNanos - clock.nanoTime(), () -> expire(waiter)));
        launchAll(toLaunch);
    }

    /** Returns whether the pool is closed and every one of its containers is gone (or going). */
    public synchronized boolean isDrained() {
        return closed && instances.isEmpty();
    }

    /** Returns a snapshot of the instances, oldest first. */
    public synchronized List<InstanceView> instances() {
        return instances.views();
    }

    /** Returns the ids of the READY instances' containers, for usage sampling. */
    public synchronized List<InstanceView> readyInstances() {
        return instances.readyViews();
    }

    /** Returns how many requests wait for a slot now. */
    public synchronized int queued() {
        return waiters.size();
    }

    /** Returns the latest scaling decision, or null before the first. */
    public synchronized @Nullable ScaleDecision lastDecision() {
        return lastDecision;
    }

    private static Endpoint endpointOf(Instance instance) {
        return Objects.requireNonNull(instance.endpoint(), "a READY instance has an endpoint");
    }

    /** A lease decided under the lock, handed to its waiter after the lock is released. */
    private record Handoff(Waiter waiter, Lease lease) {
        void complete() {
            waiter.complete(lease);
        }
    }
}
