package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.ScaleReason;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.autoscale.MetricWindow;
import dev.sluice.scheduler.autoscale.ScalePolicy;
import dev.sluice.scheduler.pool.PoolAction.Assign;
import dev.sluice.scheduler.pool.PoolAction.Check;
import dev.sluice.scheduler.pool.PoolAction.Drain;
import dev.sluice.scheduler.pool.PoolAction.Enqueue;
import dev.sluice.scheduler.pool.PoolAction.HandOver;
import dev.sluice.scheduler.pool.PoolAction.Refuse;
import dev.sluice.scheduler.pool.PoolAction.Remove;
import dev.sluice.scheduler.pool.PoolAction.Reserve;
import dev.sluice.scheduler.pool.PoolAction.RestartLater;
import dev.sluice.scheduler.pool.PoolAction.Scale;
import dev.sluice.scheduler.pool.PoolAction.ScaleIn;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.util.List;
import java.util.Objects;
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
 *   <li>still under the lock, the pure {@link PoolDecider} reads the state and returns actions, which are applied
 *       to the state (who gets a slot, which instances start or drain, which checks are due);
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
    private final FunctionSpec spec;
    private final String image;
    private final InstanceLauncher launcher;
    private final Clock clock;
    private final PoolSettings settings;
    private final PoolState state;
    /** The function's next version, which takes the waiting requests when this pool closes; guarded by this. */
    private @Nullable InstancePool successor;

    public InstancePool(
            FunctionSpec spec, String image, InstanceLauncher launcher, Clock clock, PoolSettings settings) {
        this.spec = spec;
        this.image = image;
        this.launcher = launcher;
        this.clock = clock;
        this.settings = settings;
        this.state = new PoolState(spec, ScalePolicy.of(spec, settings.watermarkCooldown()));
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
    private void adopt(Waiter waiter) {
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
            successor = next;
            decide(new PoolEvent.Closed(next != null), effects);
        }
        effects.run();
    }

    private void timerFired(PoolEvent.Timer timer) {
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
            apply(action, now, effects);
        }
    }

    private void apply(PoolAction action, long now, Effects effects) {
        if (action instanceof Assign assign) {
            Instance instance = assign.instance();
            state.waiters.remove(assign.waiter());
            instance.lease();
            Lease lease = new InstanceLease(this, instance, endpointOf(instance));
            effects.add(() -> assign.waiter().complete(lease));
        } else if (action instanceof Enqueue enqueue) {
            state.waiters.add(enqueue.waiter());
        } else if (action instanceof Refuse refuse) {
            state.waiters.remove(refuse.waiter());
            effects.add(() -> refuse.waiter().fail(refuse.cause()));
        } else if (action instanceof HandOver handOver) {
            state.waiters.remove(handOver.waiter());
            InstancePool next = Objects.requireNonNull(successor, "a hand-over has a successor");
            effects.add(() -> {
                handOver.waiter().cancelTimer();
                next.adopt(handOver.waiter());
            });
        } else if (action instanceof Scale scale) {
            scaleOut(scale, now, effects);
        } else if (action instanceof Reserve reserve) {
            reserve.instance().reserve();
        } else if (action instanceof Drain drain) {
            move(drain.instance(), InstanceState.DRAINING, drain.instance().failure(), effects);
        } else if (action instanceof ScaleIn scaleIn) {
            scaleIn(scaleIn, effects);
        } else if (action instanceof Remove remove) {
            remove(remove.instance(), effects);
        } else if (action instanceof Check check) {
            schedule(check.atNanos() - now, check.timer(), effects);
        } else if (action instanceof RestartLater restart) {
            long seconds = restart.delayNanos() / 1_000_000_000L;
            effects.add(() -> launcher.event(spec.name() + ": reserved instance failed to start ("
                    + restart.failuresInARow() + " in a row); next try in " + seconds + " s"));
            schedule(restart.delayNanos(), new PoolEvent.RestartDue(), effects);
        }
    }

    private void scaleOut(Scale scale, long now, Effects effects) {
        ScaleDecision decision = scale.decision();
        state.lastDecision = decision;
        if (decision.toStart() == 0) {
            return;
        }
        if (decision.reason() == ScaleReason.WATERMARK) {
            state.lastWatermarkScaleNanos = now;
        }
        effects.add(() -> {
            launcher.event(spec.name() + " scale out: " + decision);
            launcher.publish(new PlatformEvent.ScaleDecided(clock.epochMillis(), spec.name(), "out", decision));
        });
        for (int n = 0; n < decision.toStart(); n++) {
            Instance instance = new Instance(
                    spec.name() + "-" + ++state.sequence,
                    spec.instanceConcurrency(),
                    n < scale.reserved(),
                    now,
                    newUsageWindow());
            state.instances.add(instance);
            move(instance, InstanceState.CREATING, null, effects);
            effects.add(() -> launcher.launch(this, instance));
        }
    }

    private void scaleIn(ScaleIn scaleIn, Effects effects) {
        Instance instance = scaleIn.instance();
        move(instance, InstanceState.DRAINING, "idle", effects);
        effects.add(() -> {
            launcher.publish(
                    new PlatformEvent.ScaleDecided(clock.epochMillis(), spec.name(), "in", scaleIn.decision()));
            launcher.event(spec.name() + " scale in: " + instance.id() + " idle for "
                    + spec.idleTimeout().toSeconds() + " s (" + ScaleReason.IDLE + ")");
        });
    }

    /** Removes a drained instance (after its pre-stop handler when healthy) or a failed one's container. */
    private void remove(Instance instance, Effects effects) {
        if (instance.state() == InstanceState.DRAINING) {
            move(instance, InstanceState.REMOVED, instance.failure(), effects);
            state.instances.remove(instance);
            FunctionSpec hooked = instance.failure() == null ? spec : null;
            effects.add(() -> launcher.retire(instance, hooked));
        } else if (instance.state() == InstanceState.FAILED) {
            effects.add(() -> launcher.remove(instance));
        }
    }

    private void schedule(long delayNanos, PoolEvent.Timer timer, Effects effects) {
        effects.add(() -> {
            Clock.Cancellable cancellable = clock.schedule(delayNanos, () -> timerFired(timer));
            if (timer instanceof PoolEvent.Deadline deadline) {
                deadline.waiter().timer(cancellable);
            }
        });
    }

    /** Moves {@code instance} to {@code next} and tells the platform's listeners, after the lock. */
    private void move(Instance instance, InstanceState next, @Nullable String reason, Effects effects) {
        if (instance.state() != next) {
            instance.moveTo(next);
        }
        String id = instance.id();
        effects.add(() -> launcher.publish(
                new PlatformEvent.InstanceChanged(clock.epochMillis(), spec.name(), id, next.name(), reason)));
    }

    private MetricWindow newUsageWindow() {
        return new MetricWindow(settings.watermarkWindow(), launcher.cpuLimitOf(spec), spec.memoryMb() * 1024L * 1024L);
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

    private static Endpoint endpointOf(Instance instance) {
        return Objects.requireNonNull(instance.endpoint(), "a READY instance has an endpoint");
    }
}
