package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.autoscale.ScalePolicy;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * The instances of one function version and the requests waiting for a slot on one of them. Whatever happens
 * (a request arrives or ends, an instance becomes ready, fails or crashes, a usage reading, a timer) goes through the
 * same three steps:
 *
 * <ol>
 *   <li>under the lock, the facts are recorded in the {@link PoolState} (a slot is back, an instance is READY or
 *       gone);
 *   <li>still under the lock, the pure {@link PoolDecider} reads the state and returns actions, which the
 *       {@link PoolReconciler} applies to the state (who gets a slot, which instances start or drain, which checks
 *       are due);
 *   <li>after the lock is released, the {@link Effects} of those actions are carried out: futures completed,
 *       platform events and console lines published, launches and removals handed to the launcher, timers set.
 * </ol>
 *
 * <p>Concurrency contract: all state is guarded by {@code this}. Methods hold the lock only to record and decide;
 * they never block, call the container engine, call a listener or complete a future while holding it, so a
 * caller's callback may come straight back (release at once) without deadlock. Container work runs on the
 * launcher's executor and reports back through {@link #created}, {@link #advance}, {@link #ready} and
 * {@link #failed}; timers run on the clock's thread; each takes the lock like any caller.
 *
 * <p>Time comes only from the {@link Clock}: tests drive a pool with a manual one.
 */
public final class InstancePool {
    private final String version;
    private final FunctionSpec spec;
    private final String image;
    private final @Nullable Path code;
    private final InstanceLauncher launcher;
    private final Clock clock;
    private final PoolState state;
    private final PoolReconciler reconciler;

    public InstancePool(
            FunctionSpec spec, String image, InstanceLauncher launcher, Clock clock, PoolSettings settings) {
        this(spec, image, spec.code(), launcher, clock, settings);
    }

    /** @param code what the instances run: the function's code, or a copy of its code file as deployed */
    public InstancePool(
            FunctionSpec spec,
            String image,
            @Nullable Path code,
            InstanceLauncher launcher,
            Clock clock,
            PoolSettings settings) {
        this(spec, image, code, CallTarget.LATEST, launcher, clock, settings);
    }

    /**
     * @param version {@link CallTarget#LATEST}, or the id of the published version the pool serves: its instances
     *     are {@code <function>-v<id>-<n>} and have it as their {@code FC_QUALIFIER}
     */
    public InstancePool(
            FunctionSpec spec,
            String image,
            @Nullable Path code,
            String version,
            InstanceLauncher launcher,
            Clock clock,
            PoolSettings settings) {
        this.spec = spec;
        this.image = image;
        this.code = code;
        this.version = version;
        this.launcher = launcher;
        this.clock = clock;
        String prefix = version.equals(CallTarget.LATEST) ? spec.name() + "-" : spec.name() + "-v" + version + "-";
        this.state = new PoolState(spec, ScalePolicy.of(spec, settings.watermarkCooldown()), prefix);
        this.reconciler = new PoolReconciler(this, state, launcher, clock, settings);
    }

    /** Returns the function version this pool serves. */
    public FunctionSpec spec() {
        return spec;
    }

    /** Returns {@link CallTarget#LATEST}, or the id of the published version the pool serves. */
    public String version() {
        return version;
    }

    /** Returns the code the pool's instances run (see {@code CodeSnapshots}), or null for a container without. */
    public @Nullable Path code() {
        return code;
    }

    /** Returns the image the pool's containers run. */
    public String image() {
        return image;
    }

    /** Starts the reserved instances ({@code minInstances}). */
    public void start() {
        Effects effects = new Effects();
        synchronized (this) {
            decide(new PoolEvent.Started(), effects);
        }
        effects.run();
    }

    /**
     * Returns a lease on a free slot: at once when one is free, or when one frees up (an instance becomes READY or a
     * lease is released) before {@code deadlineNanos}. Fails with a {@link dev.sluice.scheduler.api.QueueFullException}
     * at once when the queue is full, and with a {@link SchedulerException} saying why when no slot came in time.
     */
    public CompletableFuture<Lease> acquire(long deadlineNanos) {
        Waiter waiter = new Waiter(deadlineNanos);
        arrive(waiter, true);
        return waiter.future;
    }

    /** Takes over a request that waited on the previous version, keeping its deadline (and its place: no bound). */
    void adopt(Waiter waiter) {
        arrive(waiter, false);
    }

    private void arrive(Waiter waiter, boolean bounded) {
        Effects effects = new Effects();
        synchronized (this) {
            decide(new PoolEvent.Arrived(waiter, bounded), effects);
        }
        effects.run();
    }

    void release(Instance instance) {
        Effects effects = new Effects();
        synchronized (this) {
            instance.release(clock.nanoTime());
            decide(new PoolEvent.Released(instance), effects);
        }
        effects.run();
    }

    void retire(Instance instance, String reason) {
        Effects effects = new Effects();
        synchronized (this) {
            instance.release(clock.nanoTime());
            instance.failure(reason);
            if (instance.state() == InstanceState.READY) {
                move(instance, InstanceState.DRAINING, reason, effects);
            }
            decide(new PoolEvent.Retired(instance), effects);
        }
        effects.run();
    }

    /** Records the container id; returns false when the instance should not go on (the pool closed meanwhile). */
    synchronized boolean created(Instance instance, String containerId) {
        instance.containerId(containerId);
        return instance.state() == InstanceState.CREATING;
    }

    /** Moves a starting instance on; returns false when it should not go on (the pool closed meanwhile). */
    boolean advance(Instance instance, InstanceState next, @Nullable Endpoint endpoint) {
        Effects effects = new Effects();
        synchronized (this) {
            if (!instance.state().isStarting()) {
                return false;
            }
            if (endpoint != null) {
                instance.endpoint(endpoint);
            }
            move(instance, next, null, effects);
        }
        effects.run();
        return true;
    }

    /** Drops an instance whose launch stopped because the pool closed, and removes the container it has. */
    void abandon(Instance instance) {
        Effects effects = new Effects();
        synchronized (this) {
            if (instance.state() == InstanceState.DRAINING) {
                move(instance, InstanceState.REMOVED, instance.failure(), effects);
            }
            state.instances.remove(instance);
            if (instance.containerId() != null) {
                effects.add(() -> launcher.remove(instance));
            }
        }
        effects.run();
    }

    void ready(Instance instance, ColdStart coldStart) {
        Effects effects = new Effects();
        synchronized (this) {
            instance.coldStart(coldStart);
            if (instance.state().isStarting()) {
                move(instance, InstanceState.READY, null, effects);
                instance.readyAt(clock.nanoTime());
                instance.idleFrom(clock.nanoTime()); // idle from now, not from its creation
                state.failedStartsInARow = 0;
            }
            decide(new PoolEvent.Ready(instance), effects);
        }
        effects.run();
    }

    void failed(Instance instance, SchedulerException cause) {
        Effects effects = new Effects();
        synchronized (this) {
            instance.failure(cause.getMessage() == null ? cause.errorType() : cause.getMessage());
            if (!instance.state().isFinal()) {
                move(instance, InstanceState.FAILED, cause.errorType(), effects);
            }
            state.instances.remove(instance);
            if (instance.isReserved() && !state.closed) {
                state.failedStartsInARow++;
            }
            decide(new PoolEvent.StartFailed(instance, cause), effects);
        }
        effects.run();
    }

    /**
     * Takes an instance whose container exited out of service: the requests in flight on it fail on their own (their
     * connections break) and learn the reason from {@link Lease#failure()}; the instance is replaced if the pool
     * needs it (reserved instances, or requests waiting). Returns false if the container is not one of this pool's.
     */
    public boolean crashed(String containerId, String reason) {
        Effects effects = new Effects();
        synchronized (this) {
            Instance instance = state.instances.servingIn(containerId);
            if (instance == null) {
                return false; // unknown, already gone, or still launching (the launch notices and fails itself)
            }
            instance.failure(reason);
            move(instance, InstanceState.FAILED, "crash", effects);
            state.instances.remove(instance);
            effects.add(() -> launcher.event(instance.id() + " crashed: " + reason));
            decide(new PoolEvent.Exited(instance), effects);
        }
        effects.run();
        return true;
    }

    /** Records a usage reading of a READY instance, which may breach a watermark and scale out. */
    public void recordUsage(String instanceId, ResourceUsage usage) {
        Effects effects = new Effects();
        synchronized (this) {
            Instance instance = state.instances.ready(instanceId);
            if (instance == null) {
                return;
            }
            instance.usage().record(clock.nanoTime(), usage);
            decide(new PoolEvent.Sampled(instance), effects);
        }
        effects.run();
    }

    /**
     * Stops taking requests and drains every instance: idle ones are removed at once, busy ones when their last lease
     * is released, starting ones as soon as their launch notices. Requests still waiting move to {@code next} (the
     * function's next version) with their deadlines, or fail when there is none.
     */
    public void close(@Nullable InstancePool next) {
        Effects effects = new Effects();
        synchronized (this) {
            state.closed = true;
            reconciler.successor(next);
            decide(new PoolEvent.Closed(next != null), effects);
        }
        effects.run();
    }

    void timerFired(PoolEvent.Timer timer) {
        Effects effects = new Effects();
        synchronized (this) {
            decide(timer, effects);
        }
        effects.run();
    }

    /** Asks the decider about {@code event} and applies its actions. Call holding the lock. */
    private void decide(PoolEvent event, Effects effects) {
        long now = clock.nanoTime();
        for (PoolAction action : PoolDecider.decide(state, event, now)) {
            reconciler.apply(action, now, effects);
        }
    }

    private void move(Instance instance, InstanceState next, @Nullable String reason, Effects effects) {
        reconciler.move(instance, next, reason, effects);
    }

    /** Returns why an instance stopped serving (crash reason, retirement), or null while it is fine. */
    synchronized @Nullable String failureOf(Instance instance) {
        return instance.failure();
    }

    /** Returns whether the pool is closed and every one of its containers is gone (or going). */
    public synchronized boolean isDrained() {
        return state.closed && state.instances.isEmpty();
    }

    /** Returns a snapshot of the instances, oldest first. */
    public synchronized List<InstanceView> instances() {
        return state.instances.views();
    }

    /** Returns the READY instances, for usage sampling. */
    public synchronized List<InstanceView> readyInstances() {
        return state.instances.readyViews();
    }

    /** Returns how many requests wait for a slot now. */
    public synchronized int queued() {
        return state.waiters.size();
    }

    /** Returns the latest scaling decision, or null before the first. */
    public synchronized @Nullable ScaleDecision lastDecision() {
        return state.lastDecision;
    }
}
