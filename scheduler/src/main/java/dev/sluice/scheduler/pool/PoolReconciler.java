package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.ScaleReason;
import dev.sluice.scheduler.autoscale.MetricWindow;
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
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies {@link PoolDecider}'s actions to one pool's {@link PoolState}, under the pool's lock, and queues the
 * {@link Effects} each calls for (requests completed or failed, events and console lines, launches, removals,
 * timers), which the pool carries out once the lock is released. Not thread-safe: only the owning
 * {@link InstancePool} calls it, holding its lock.
 */
final class PoolReconciler {
    private final InstancePool pool;
    private final PoolState state;
    private final FunctionSpec spec;
    private final InstanceLauncher launcher;
    private final Clock clock;
    private final PoolSettings settings;
    /** The function's next version, which takes the waiting requests when the pool closes. */
    private @Nullable InstancePool successor;

    PoolReconciler(InstancePool pool, PoolState state, InstanceLauncher launcher, Clock clock, PoolSettings settings) {
        this.pool = pool;
        this.state = state;
        this.spec = state.spec;
        this.launcher = launcher;
        this.clock = clock;
        this.settings = settings;
    }

    void successor(@Nullable InstancePool next) {
        this.successor = next;
    }

    void apply(PoolAction action, long now, Effects effects) {
        if (action instanceof Assign assign) {
            Instance instance = assign.instance();
            state.waiters.remove(assign.waiter());
            instance.lease();
            Lease lease = new InstanceLease(pool, instance, endpointOf(instance));
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
                    state.idPrefix + ++state.sequence,
                    spec.instanceConcurrency(),
                    n < scale.reserved(),
                    now,
                    newUsageWindow());
            state.instances.add(instance);
            move(instance, InstanceState.CREATING, null, effects);
            effects.add(() -> launcher.launch(pool, instance));
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
            Clock.Cancellable cancellable = clock.schedule(delayNanos, () -> pool.timerFired(timer));
            if (timer instanceof PoolEvent.Deadline deadline) {
                deadline.waiter().timer(cancellable);
            }
        });
    }

    /** Moves {@code instance} to {@code next} and tells the platform's listeners, after the lock. */
    void move(Instance instance, InstanceState next, @Nullable String reason, Effects effects) {
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

    private static Endpoint endpointOf(Instance instance) {
        return Objects.requireNonNull(instance.endpoint(), "a READY instance has an endpoint");
    }
}
