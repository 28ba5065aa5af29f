package dev.sluice.scheduler.pool;

import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.NoCapacityException;
import dev.sluice.scheduler.api.QueueFullException;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.autoscale.Backoff;
import dev.sluice.scheduler.autoscale.PoolLoad;
import dev.sluice.scheduler.autoscale.ScaleDecider;
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
import dev.sluice.scheduler.pool.PoolEvent.Arrived;
import dev.sluice.scheduler.pool.PoolEvent.Closed;
import dev.sluice.scheduler.pool.PoolEvent.Deadline;
import dev.sluice.scheduler.pool.PoolEvent.Exited;
import dev.sluice.scheduler.pool.PoolEvent.IdleCheck;
import dev.sluice.scheduler.pool.PoolEvent.Ready;
import dev.sluice.scheduler.pool.PoolEvent.Released;
import dev.sluice.scheduler.pool.PoolEvent.Retired;
import dev.sluice.scheduler.pool.PoolEvent.StartFailed;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Every decision of one pool, in one pure function: {@link #decide(PoolState, PoolEvent, long)} reads the pool's
 * state after an event and returns what to do, changing nothing (the way OpenWhisk's {@code ContainerPool} decides
 * and Knative's decider feeds a reconciler). Admission, placement, scale-out (through {@link ScaleDecider}, the one
 * place of {@code ceil((inFlight + queued) / concurrency)}), scale-in and the reserved instances' restart backoff
 * are all here, so they are tested with plain values on a manual clock.
 *
 * <p>The rules, FC's:
 *
 * <ol>
 *   <li>Admission: a request takes a free slot at once; with none it waits in the queue until its deadline, and
 *       when more wait beyond what the live instances can take than the policy's {@code maxQueued}, it is refused
 *       at once (429).
 *   <li>Placement: reserved instances first, then those not above a watermark, then the busiest, so that one
 *       instance fills before the next is used and the others go idle long enough to be reclaimed.
 *   <li>Scale-out: when requests wait, when an instance becomes READY or a slot frees up and requests still wait,
 *       when a crash, a retirement or a usage reading changes what is needed, and at deploy (reserved instances).
 *   <li>Scale-in: an on-demand instance with no lease for {@code idleTimeout}, counted from its last lease or from
 *       becoming READY, is drained, unless its latest use is above the low watermark (checked again one timeout
 *       later).
 *   <li>Backoff: a reserved instance that fails to start is started again after 1 s, 2 s, 4 s ... up to 60 s,
 *       doubling with each failure in a row, so that a broken initializer does not start containers in a loop.
 * </ol>
 */
final class PoolDecider {
    private PoolDecider() {}

    /** Returns what the pool in {@code state} does about {@code event} at {@code nowNanos}, in order. */
    static List<PoolAction> decide(PoolState state, PoolEvent event, long nowNanos) {
        if (event instanceof Arrived arrived) {
            return admit(state, arrived, nowNanos);
        }
        if (event instanceof Released released) {
            return slotsFreed(state, released.instance(), nowNanos);
        }
        if (event instanceof Ready ready) {
            return slotsFreed(state, ready.instance(), nowNanos);
        }
        if (event instanceof Retired retired) {
            return retired(state, retired.instance(), nowNanos);
        }
        if (event instanceof StartFailed failed) {
            return startFailed(state, failed);
        }
        if (event instanceof Exited exited) {
            List<PoolAction> actions = new ArrayList<>(3);
            actions.add(new Remove(exited.instance()));
            if (!state.closed) {
                promote(state, actions);
                actions.add(scale(state, 0, nowNanos));
            }
            return actions;
        }
        if (event instanceof IdleCheck check) {
            return idleCheck(state, check, nowNanos);
        }
        if (event instanceof Deadline deadline) {
            return state.waiters.contains(deadline.waiter())
                    ? List.of(new Refuse(deadline.waiter(), deadlinePassed(state)))
                    : List.of();
        }
        if (event instanceof Closed closed) {
            return close(state, closed.hasSuccessor());
        }
        // Started, Sampled, RestartDue: only the number of instances may change.
        return state.closed ? List.of() : List.of(scale(state, 0, nowNanos));
    }

    private static List<PoolAction> admit(PoolState state, Arrived arrived, long nowNanos) {
        Waiter waiter = arrived.waiter();
        if (state.closed) {
            return List.of(new Refuse(
                    waiter,
                    new NoCapacityException(
                            "function \"" + state.spec.name() + "\" is being removed", state.spec.name(), null, null)));
        }
        Instance free = pickFree(state, nowNanos);
        if (free != null) {
            return List.of(new Assign(free, waiter));
        }
        // Requests that starting instances will take do not count: the queue bounds the wait beyond capacity.
        int beyondCapacity = state.waiters.size() - state.instances.capacityComing();
        if (arrived.bounded() && beyondCapacity >= state.policy.maxQueued()) {
            return List.of(new Refuse(waiter, queueFull(state, beyondCapacity)));
        }
        return List.of(
                new Enqueue(waiter), new Check(waiter.deadlineNanos, new Deadline(waiter)), scale(state, 1, nowNanos));
    }

    /**
     * Placement: among READY instances with a free slot, reserved before on-demand, below the watermarks before
     * above, then the busiest. Returns null when no slot is free.
     */
    static @Nullable Instance pickFree(PoolState state, long nowNanos) {
        Instance best = null;
        boolean bestHot = false;
        for (Instance candidate : state.instances.all()) {
            if (!candidate.hasFreeSlot()) {
                continue;
            }
            boolean hot = state.instances.isHot(candidate, nowNanos);
            if (best == null || isBetter(candidate, hot, best, bestHot)) {
                best = candidate;
                bestHot = hot;
            }
        }
        return best;
    }

    private static boolean isBetter(Instance candidate, boolean hot, Instance best, boolean bestHot) {
        if (candidate.isReserved() != best.isReserved()) {
            return candidate.isReserved();
        }
        if (hot != bestHot) {
            return !hot;
        }
        return candidate.leased() > best.leased();
    }

    /**
     * A slot of {@code instance} came back, or it became READY: the oldest waiters take its free slots; an instance
     * left with no lease is checked again after its idle timeout; requests still waiting may need more instances.
     */
    private static List<PoolAction> slotsFreed(PoolState state, Instance instance, long nowNanos) {
        if (instance.state() == InstanceState.DRAINING) {
            return instance.leased() == 0 ? List.of(new Remove(instance)) : List.of();
        }
        if (instance.state() != InstanceState.READY) {
            return List.of(); // gone meanwhile (a crash); the request's own slot went with it
        }
        int handed = Math.min(instance.slots() - instance.leased(), state.waiters.size());
        if (handed == 0 && instance.leased() > 0) {
            return List.of(); // the hot path: a request ended on a busy instance and nobody waits
        }
        List<PoolAction> actions = new ArrayList<>(handed + 2);
        Iterator<Waiter> oldestFirst = state.waiters.iterator();
        for (int n = 0; n < handed; n++) {
            actions.add(new Assign(instance, oldestFirst.next()));
        }
        if (handed == 0) {
            idleCheck(state, instance, actions);
        }
        if (state.waiters.size() > handed && !state.closed) {
            actions.add(scale(state, 0, nowNanos));
        }
        return actions;
    }

    private static void idleCheck(PoolState state, Instance instance, List<PoolAction> actions) {
        if (!instance.isReserved()) { // reserved instances are kept however idle
            long idleSince = instance.idleSinceNanos();
            actions.add(new Check(
                    idleSince + state.spec.idleTimeout().toNanos(), new PoolEvent.IdleCheck(instance, idleSince)));
        }
    }

    /** An instance was taken out of service by a request: it goes once idle, and is replaced when needed. */
    private static List<PoolAction> retired(PoolState state, Instance instance, long nowNanos) {
        List<PoolAction> actions = new ArrayList<>(3);
        if (instance.state() == InstanceState.DRAINING && instance.leased() == 0) {
            actions.add(new Remove(instance));
        }
        if (!state.closed && (!state.waiters.isEmpty() || instance.isReserved())) {
            promote(state, actions);
            actions.add(scale(state, 0, nowNanos));
        }
        return actions;
    }

    /**
     * A launch failed: the waiters the instance would have served fail with its reason, the others still have
     * capacity coming; a reserved instance is started again after the backoff.
     */
    private static List<PoolAction> startFailed(PoolState state, StartFailed failed) {
        List<PoolAction> actions = new ArrayList<>();
        actions.add(new Remove(failed.instance()));
        int excess = state.waiters.size() - state.instances.capacityComing();
        Iterator<Waiter> oldestFirst = state.waiters.iterator();
        for (int n = 0; n < excess; n++) {
            actions.add(new Refuse(oldestFirst.next(), failed.cause()));
        }
        if (!state.closed && failed.instance().isReserved() && promote(state, actions) > 0) {
            actions.add(new RestartLater(
                    TimeUnit.SECONDS.toNanos(Backoff.seconds(state.failedStartsInARow)), state.failedStartsInARow));
        }
        return actions;
    }

    /**
     * Keeps {@code minInstances} reserved when a reserved instance was lost but on-demand ones live: the oldest live
     * on-demand instances, READY ones first, become reserved (and are no longer reclaimed), rather than starting a
     * new container while a warm one would then be reclaimed below the minimum. Returns how many reserved instances
     * are still missing after that.
     */
    private static int promote(PoolState state, List<PoolAction> actions) {
        int missing = state.policy.minInstances() - state.instances.reservedCount();
        for (int pass = 0; pass < 2 && missing > 0; pass++) {
            boolean readyOnes = pass == 0;
            for (Instance instance : state.instances.all()) {
                if (missing > 0
                        && !instance.isReserved()
                        && instance.state() != InstanceState.DRAINING
                        && (instance.state() == InstanceState.READY) == readyOnes) {
                    actions.add(new Reserve(instance));
                    missing--;
                }
            }
        }
        return Math.max(0, missing);
    }

    private static List<PoolAction> idleCheck(PoolState state, IdleCheck check, long nowNanos) {
        Instance instance = check.instance();
        if (state.closed
                || instance.isReserved()
                || instance.state() != InstanceState.READY
                || instance.leased() > 0
                || instance.idleSinceNanos() != check.idleSinceNanos()) {
            return List.of(); // used since, or gone: a later idle period has its own check
        }
        if (!instance.usage().isBelowLow(state.spec.watermarks())) {
            return List.of(new Check(nowNanos + state.spec.idleTimeout().toNanos(), check));
        }
        PoolLoad load = state.instances.load(state.waiters.size(), state.lastWatermarkScaleNanos, nowNanos);
        ScaleDecision decision =
                ScaleDecision.idle(load.live() - 1, load.inFlight(), load.queued(), state.policy.concurrency());
        return List.of(new ScaleIn(instance, decision), new Remove(instance));
    }

    /** Drains every instance (idle ones go at once, launching ones when their launch notices) and moves the queue. */
    private static List<PoolAction> close(PoolState state, boolean hasSuccessor) {
        List<PoolAction> actions = new ArrayList<>();
        for (Instance instance : state.instances.all()) {
            if (instance.state() != InstanceState.DRAINING) {
                actions.add(new Drain(instance));
            }
            if (!instance.state().isStarting() && instance.leased() == 0) {
                actions.add(new Remove(instance));
            }
        }
        for (Waiter waiter : state.waiters) {
            actions.add(
                    hasSuccessor
                            ? new HandOver(waiter)
                            : new Refuse(
                                    waiter,
                                    new NoCapacityException(
                                            "function \"" + state.spec.name()
                                                    + "\" was removed while the request waited",
                                            state.spec.name(),
                                            null,
                                            null)));
        }
        return actions;
    }

    /**
     * Returns the scaling decision for the pool's load, with {@code arriving} requests about to join the queue, and
     * how many of the instances to start are reserved ones.
     */
    private static Scale scale(PoolState state, int arriving, long nowNanos) {
        PoolLoad load = state.instances.load(state.waiters.size() + arriving, state.lastWatermarkScaleNanos, nowNanos);
        ScaleDecision decision = ScaleDecider.decide(load, state.policy, nowNanos);
        int reservedMissing = Math.max(0, state.policy.minInstances() - state.instances.reservedCount());
        return new Scale(decision, Math.min(decision.toStart(), reservedMissing));
    }

    private static QueueFullException queueFull(PoolState state, int beyondCapacity) {
        return new QueueFullException(
                "function \"" + state.spec.name() + "\" has " + beyondCapacity + " requests queued beyond what its"
                        + " instances can take (at most " + state.policy.maxQueued() + ": maxInstances x"
                        + " instanceConcurrency, and at least " + ScalePolicy.MIN_QUEUE + "); retry later",
                state.spec.name());
    }

    private static NoCapacityException deadlinePassed(PoolState state) {
        return new NoCapacityException(
                "no instance of \"" + state.spec.name() + "\" had a free slot before the request's deadline ("
                        + state.spec.maxInstances() + " instances x " + state.spec.instanceConcurrency()
                        + " slots at most)",
                state.spec.name(),
                null,
                null);
    }
}
