package dev.sluice.scheduler.pool;

import dev.sluice.scheduler.api.SchedulerException;

/**
 * Something that happened to one pool, as {@link PoolDecider} reads it. The facts an event carries (a slot came
 * back, an instance is READY or gone, a usage reading) are recorded in the {@link PoolState} before the decider
 * sees the event; what to do about them is the decider's.
 */
sealed interface PoolEvent {

    /** The pool was deployed: its reserved instances are due. */
    record Started() implements PoolEvent {}

    /**
     * A request wants a slot. {@code bounded} is false for a request handed over from the previous version of the
     * function, which keeps its place whatever the queue's bound.
     */
    record Arrived(Waiter waiter, boolean bounded) implements PoolEvent {}

    /** A request finished and gave its slot back. */
    record Released(Instance instance) implements PoolEvent {}

    /** A request gave its slot back and took the instance out of service (a timeout, a broken connection). */
    record Retired(Instance instance) implements PoolEvent {}

    /** An instance finished its cold start (it is READY, or DRAINING when the pool closed meanwhile). */
    record Ready(Instance instance) implements PoolEvent {}

    /** An instance's launch failed; it is FAILED and no longer in the pool. */
    record StartFailed(Instance instance, SchedulerException cause) implements PoolEvent {}

    /** A serving instance's container exited; it is FAILED and no longer in the pool. */
    record Exited(Instance instance) implements PoolEvent {}

    /** A CPU and memory reading of a READY instance was recorded. */
    record Sampled(Instance instance) implements PoolEvent {}

    /** The pool stopped taking requests; waiting ones go to the next version when there is one. */
    record Closed(boolean hasSuccessor) implements PoolEvent {}

    /** A check the decider asked for is due. */
    sealed interface Timer extends PoolEvent {}

    /** Is {@code instance} still idle since {@code idleSinceNanos}? Then its idle timeout has passed. */
    record IdleCheck(Instance instance, long idleSinceNanos) implements Timer {}

    /** {@code waiter}'s deadline has come. */
    record Deadline(Waiter waiter) implements Timer {}

    /** The pause after a reserved instance failed to start is over. */
    record RestartDue() implements Timer {}
}
