package dev.sluice.scheduler;

import dev.sluice.scheduler.network.Subnets;
import dev.sluice.scheduler.pool.PoolSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Platform-wide scheduling settings.
 *
 * @param session the id of this gateway run, put on every container it creates
 * @param homeLabel identifies the state directory, so the next run can find this run's leftovers
 * @param startTimeout how long a started container may take to listen on its port (FC2 allows 25 s, FC3 120 s)
 * @param dockerThreads the bound on concurrent container engine calls
 * @param scaling the watermark window and cooldown
 * @param usageInterval how often the CPU and memory of instances with watermarks are read
 * @param stateDir the state directory: generated secrets and the volumes of services live there
 * @param subnets the IPv4 range the run's networks take their /24s from
 */
public record SchedulerSettings(
        String session,
        String homeLabel,
        Duration startTimeout,
        int dockerThreads,
        PoolSettings scaling,
        Duration usageInterval,
        Path stateDir,
        Subnets subnets) {

    public SchedulerSettings {
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout: " + startTimeout + " (expected: > 0)");
        }
        if (dockerThreads < 1) {
            throw new IllegalArgumentException("dockerThreads: " + dockerThreads + " (expected: >= 1)");
        }
        if (usageInterval.isNegative() || usageInterval.isZero()) {
            throw new IllegalArgumentException("usageInterval: " + usageInterval + " (expected: > 0)");
        }
    }

    /** Settings with the default scaling ({@link PoolSettings#DEFAULTS}) and a usage reading every second. */
    public SchedulerSettings(
            String session, String homeLabel, Duration startTimeout, int dockerThreads, Path stateDir) {
        this(
                session,
                homeLabel,
                startTimeout,
                dockerThreads,
                PoolSettings.DEFAULTS,
                Duration.ofSeconds(1),
                stateDir,
                Subnets.of(Subnets.DEFAULT_RANGE));
    }

    /** These settings, with the networks' subnets taken from {@code range}. */
    public SchedulerSettings withSubnets(Subnets range) {
        return new SchedulerSettings(
                session, homeLabel, startTimeout, dockerThreads, scaling, usageInterval, stateDir, range);
    }
}
