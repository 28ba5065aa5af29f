package dev.sluice.scheduler.api;

/** Why the scheduler changed the number of instances of a function. */
public enum ScaleReason {
    /** In-flight and queued requests need more slots: {@code ceil((inFlight + queued) / concurrency)}. */
    CONCURRENCY,
    /** An instance stayed above a CPU or memory high watermark for the whole window. */
    WATERMARK,
    /** An instance was idle for {@code idleTimeout} and the pool was above {@code minInstances}. */
    IDLE,
    /** {@code minInstances} reserved instances are kept at all times. */
    RESERVED
}
