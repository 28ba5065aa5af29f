package dev.sluice.scheduler;

import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.pool.StemCells;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerStatus;
import dev.sluice.scheduler.service.Services;
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
            } catch (ContainerRuntimeException e) {
                reason.complete(connectionError);
            }
        });
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
                if (services.exited(containerId, reason)) {
                    return;
                }
                for (InstancePool pool : deployments.all()) {
                    if (pool.crashed(containerId, reason)) {
                        return;
                    }
                }
                stemCells.exited(containerId);
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: every container goes anyway.
        }
    }
}
