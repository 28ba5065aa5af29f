package dev.sluice.scheduler;

import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.pool.StemCells;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerStatus;
import dev.sluice.scheduler.runtime.EngineUnreachableException;
import dev.sluice.scheduler.service.Services;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Why containers stop: the engine's exit events, handed to whoever owned the container (a service, a pool, the stem
 * cells), and the reason a call's connection broke, for its {@code 502 InstanceCrashed}.
 */
final class CrashDiagnosis {
    /** How often, and how many times, a still-running container is asked about again: every 100 ms for 2 s. */
    private static final long RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int ATTEMPTS = 20;

    private final ContainerRuntime containers;
    private final Executor executor;
    private final Clock clock;
    private final Deployments deployments;
    private final Services services;
    private final StemCells stemCells;

    CrashDiagnosis(
            ContainerRuntime containers,
            Executor executor,
            Clock clock,
            Deployments deployments,
            Services services,
            StemCells stemCells) {
        this.containers = containers;
        this.executor = executor;
        this.clock = clock;
        this.deployments = deployments;
        this.services = services;
        this.stemCells = stemCells;
    }

    /**
     * Returns why the instance behind {@code lease} broke mid-request: what the engine's exit event said, or else what
     * the engine says of the container within two seconds (a connection can break a moment before the engine sees
     * the exit). Never blocks the caller.
     */
    CompletableFuture<String> diagnose(Lease lease, String connectionError) {
        CompletableFuture<String> reason = new CompletableFuture<>();
        attempt(lease, connectionError, reason, ATTEMPTS);
        return reason;
    }

    private void attempt(Lease lease, String connectionError, CompletableFuture<String> reason, int left) {
        String known = lease.failure();
        String containerId = lease.containerId();
        if (known != null || containerId == null) {
            reason.complete(known != null ? known : connectionError);
            return;
        }
        try {
            executor.execute(() -> {
                try {
                    ContainerStatus status = containers.status(containerId);
                    if (!status.running()) {
                        reason.complete(status.reason());
                    } else if (left == 0) {
                        reason.complete(connectionError + " (the container is still running)");
                    } else {
                        clock.schedule(RETRY_NANOS, () -> attempt(lease, connectionError, reason, left - 1));
                    }
                } catch (EngineUnreachableException e) {
                    reason.complete(connectionError + " (the Docker engine cannot be reached: " + e.reason() + ")");
                } catch (RuntimeException e) {
                    // Whatever the engine does, the call waiting for this answer must get one.
                    reason.complete(connectionError + " (" + e.getMessage() + ")");
                }
            });
        } catch (RejectedExecutionException e) {
            reason.complete(connectionError); // shutting down
        }
    }

    /** A container of this session exited: if it was serving, its owner takes it out and replaces it as needed. */
    void exited(String containerId) {
        try {
            executor.execute(() -> {
                String reason;
                try {
                    reason = containers.status(containerId).reason();
                } catch (ContainerRuntimeException e) {
                    reason = "exited (" + e.getMessage() + ")";
                }
                handOver(containerId, reason);
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: every container goes anyway.
        }
    }

    /** Tells the owner of {@code containerId} that it stopped; returns false when nothing owns it. */
    private boolean handOver(String containerId, String reason) {
        if (services.exited(containerId, reason)) {
            return true;
        }
        for (InstancePool pool : deployments.all()) {
            if (pool.crashed(containerId, reason)) {
                return true;
            }
        }
        return stemCells.exited(containerId);
    }

    /**
     * Brings what the scheduler believes back in line with what runs, after a time when exits may have been missed
     * (the engine was unreachable, or its event stream broke): a container of this session that stopped goes to its
     * owner as an exit (instances are replaced as needed, services restarted, stem cells replaced); one that is gone
     * altogether likewise; a stopped one that nobody owns is removed, and so are {@code leftovers}, containers whose
     * removal failed meanwhile. Running containers nobody owns are left alone:
     * a launch may be about to claim them. Blocks; runs on the executor.
     */
    void reconcile(String labelKey, String labelValue, List<String> leftovers) {
        leftovers.forEach(this::removeQuietly);
        List<String> listed = containers.containersLabelled(labelKey, labelValue);
        Set<String> known = new HashSet<>(services.containerIds());
        known.addAll(stemCells.containerIds());
        for (InstancePool pool : deployments.all()) {
            for (InstanceView instance : pool.instances()) {
                String id = instance.containerId();
                if (id != null && !instance.state().isStarting()) {
                    known.add(id);
                }
            }
        }
        for (String id : known) {
            if (!listed.contains(id)) {
                handOver(id, "container gone while the engine was not watched");
            }
        }
        for (String id : listed) {
            ContainerStatus status = containers.status(id);
            if (status.running()) {
                continue;
            }
            if (!handOver(id, status.reason()) && !known.contains(id)) {
                removeQuietly(id);
            }
        }
    }

    private void removeQuietly(String containerId) {
        try {
            containers.remove(containerId, Duration.ZERO);
        } catch (ContainerRuntimeException e) {
            // The next reconcile, or the next start's sweep by label, removes it.
        }
    }
}
