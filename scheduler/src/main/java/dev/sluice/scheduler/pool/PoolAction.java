package dev.sluice.scheduler.pool;

import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.SchedulerException;

/** What {@link PoolDecider} tells the pool to do; {@link InstancePool} carries each out, in order. */
sealed interface PoolAction {

    /** Hand one slot of READY {@code instance} to {@code waiter} (it leaves the queue if it was in it). */
    record Assign(Instance instance, Waiter waiter) implements PoolAction {}

    /** Put {@code waiter} at the end of the queue. */
    record Enqueue(Waiter waiter) implements PoolAction {}

    /** Fail {@code waiter} with {@code cause} (it leaves the queue if it was in it): 429, a deadline, a failed start. */
    record Refuse(Waiter waiter, SchedulerException cause) implements PoolAction {}

    /** Move {@code waiter} from the queue to the function's next version, with its deadline. */
    record HandOver(Waiter waiter) implements PoolAction {}

    /**
     * Record {@code decision} and start {@code decision.toStart()} instances, the first {@code reserved} of them
     * reserved ones.
     */
    record Scale(ScaleDecision decision, int reserved) implements PoolAction {}

    /** Make live on-demand {@code instance} a reserved one, in place of a reserved instance that was lost. */
    record Reserve(Instance instance) implements PoolAction {}

    /** Take {@code instance} out of service: it takes no new requests and goes once its last lease is back. */
    record Drain(Instance instance) implements PoolAction {}

    /** Drain idle {@code instance}: the pool scales in, as {@code decision} says. */
    record ScaleIn(Instance instance, ScaleDecision decision) implements PoolAction {}

    /**
     * Remove {@code instance}'s container: a DRAINING one with no lease becomes REMOVED (after its pre-stop handler
     * when it is healthy); a FAILED one goes without a word to it.
     */
    record Remove(Instance instance) implements PoolAction {}

    /** Hand {@code timer} back to the decider at {@code atNanos}. */
    record Check(long atNanos, PoolEvent.Timer timer) implements PoolAction {}

    /** Start reserved instances again after {@code delayNanos}: {@code failuresInARow} starts failed so far. */
    record RestartLater(long delayNanos, int failuresInARow) implements PoolAction {}
}
