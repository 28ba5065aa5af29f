package dev.sluice.scheduler.pool;

import java.time.Duration;

/**
 * Platform-wide scaling settings that functions.yml does not set.
 *
 * @param watermarkWindow how long an instance must stay above a high watermark before one is added
 * @param watermarkCooldown the least time between two watermark scale-outs of one function
 */
public record PoolSettings(Duration watermarkWindow, Duration watermarkCooldown) {
    /** 10 s above the mark adds an instance; at most one such addition per 30 s. */
    public static final PoolSettings DEFAULTS = new PoolSettings(Duration.ofSeconds(10), Duration.ofSeconds(30));
}
