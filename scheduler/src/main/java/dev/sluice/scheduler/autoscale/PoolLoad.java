package dev.sluice.scheduler.autoscale;

/**
 * What the decider sees of one pool at one moment.
 *
 * @param live instances that serve or will serve: creating, starting, initializing or ready (not draining)
 * @param inFlight leased slots
 * @param queued requests waiting for a slot
 * @param hot whether some ready instance has stayed above a high watermark for the whole window
 * @param lastWatermarkScaleNanos when the last watermark scale-out happened, or {@link Long#MIN_VALUE} if never
 */
public record PoolLoad(int live, int inFlight, int queued, boolean hot, long lastWatermarkScaleNanos) {}
