package dev.sluice.scheduler;

import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Reads the CPU and memory of every READY instance, tick after tick on the clock: each tick for functions with
 * watermarks, which scale on them; every {@value #PLAIN_USAGE_TICKS}th tick for the others, whose readings only feed
 * the metrics (a reading can be a slow Docker stats call where the cgroup files are out of reach).
 */
final class UsageSampler {
    private static final int PLAIN_USAGE_TICKS = 5;

    private final ContainerRuntime containers;
    private final Executor executor;
    private final Clock clock;
    private final Deployments deployments;
    private final Duration interval;
    /** Ticks so far; only the clock's thread touches it. */
    private long ticks;

    private volatile boolean stopped;

    UsageSampler(
            ContainerRuntime containers, Executor executor, Clock clock, Deployments deployments, Duration interval) {
        this.containers = containers;
        this.executor = executor;
        this.clock = clock;
        this.deployments = deployments;
        this.interval = interval;
    }

    /** Starts the ticks. */
    void start() {
        clock.schedule(interval.toNanos(), this::tick);
    }

    /** Stops at the next tick. */
    void stop() {
        stopped = true;
    }

    private void tick() {
        if (stopped) {
            return;
        }
        boolean everyone = ticks++ % PLAIN_USAGE_TICKS == 0;
        for (InstancePool pool : deployments.all()) {
            if (!everyone && pool.spec().watermarks().equals(Watermarks.NONE)) {
                continue;
            }
            for (InstanceView instance : pool.readyInstances()) {
                String containerId = instance.containerId();
                if (containerId != null) {
                    executor.execute(() -> read(pool, instance.id(), containerId));
                }
            }
        }
        clock.schedule(interval.toNanos(), this::tick);
    }

    private void read(InstancePool pool, String instanceId, String containerId) {
        try {
            pool.recordUsage(instanceId, containers.usage(containerId));
        } catch (ContainerRuntimeException e) {
            // The container went away between listing and reading; its exit is handled on its own.
        }
    }
}
