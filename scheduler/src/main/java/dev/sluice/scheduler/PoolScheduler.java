package dev.sluice.scheduler;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.PlatformEvents;
import dev.sluice.scheduler.api.Releases;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.scheduler.logs.CallLog;
import dev.sluice.scheduler.logs.CallLogs;
import dev.sluice.scheduler.network.SessionNetworks;
import dev.sluice.scheduler.pool.InstanceLauncher;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.protocol.RuntimeClient;
import dev.sluice.scheduler.release.ReleaseBook;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.Labels;
import dev.sluice.scheduler.service.Services;
import dev.sluice.scheduler.state.CodeSnapshots;
import dev.sluice.scheduler.state.StateDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Scheduler} that runs functions in containers: {@link Deployments} (one {@link InstancePool} per deployed
 * function), {@link CrashDiagnosis} (exits and broken connections), {@link UsageSampler} (CPU and memory for the
 * watermarks and the metrics), the backing {@link Services}, and the one bounded executor on which every container
 * engine call runs. This class wires them and shuts them down.
 */
public final class PoolScheduler implements Scheduler {
    private final ContainerRuntime containers;
    private final Clock clock;
    private final SchedulerSettings settings;
    private final ExecutorService executor;
    private final InstanceLauncher launcher;
    private final SessionNetworks networks;
    private final Services services;
    private final Deployments deployments;
    private final ReleaseBook releases;
    /** Where what the user should know is said (the console of sluice up). */
    private final Consumer<String> notices;
    /** Whether the kept versions' pools were made: at the first deploy, which has the images built. */
    private boolean versionsAttached;

    private final CodeSnapshots snapshots;
    private final CrashDiagnosis crashes;
    private final UsageSampler usage;
    private final CallLogs callLogs;
    /** Pings the engine and follows its exit events; reconciles when it comes back. Closed with the scheduler. */
    private final EngineWatch watch;
    /** The watch's one thread: a ping may wait its whole timeout, and must not queue behind launches. */
    private final ExecutorService watchThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sluice-engine-watch");
        t.setDaemon(true);
        return t;
    });
    /** Set once {@link #close} starts; from then on no request is taken. */
    private volatile boolean closing;

    public PoolScheduler(
            ContainerRuntime containers,
            RuntimeClient client,
            ImageSource images,
            Clock clock,
            SchedulerSettings settings,
            Consumer<String> events) {
        this.containers = containers;
        this.clock = clock;
        this.settings = settings;
        this.notices = events;
        this.executor = boundedExecutor(settings.dockerThreads());
        Map<String, String> labels = Map.of(Labels.SESSION, settings.session(), Labels.HOME, settings.homeLabel());
        // A network per function, the services joined to each: no function reaches another's instances.
        this.networks = SessionNetworks.open(containers, settings.session(), labels, settings.subnets(), events);
        StateDirectory state = new StateDirectory(settings.stateDir());
        this.launcher = new InstanceLauncher(
                containers, client, clock, executor, labels, settings.startTimeout(), events, networks, state::secret);
        this.services = Services.create(
                containers, client, images, clock, executor, labels, networks, state, settings.startTimeout(), events);
        this.snapshots = new CodeSnapshots(settings.stateDir());
        this.deployments =
                new Deployments(containers, images, launcher, services, clock, settings.scaling(), events, snapshots);
        this.releases = openReleases(settings.stateDir(), clock, deployments);
        this.crashes = new CrashDiagnosis(containers, executor, clock, deployments, services, launcher.stemCells());
        this.usage = new UsageSampler(containers, executor, clock, deployments, settings.usageInterval());
        this.callLogs = new CallLogs(containers, clock, executor);
        this.watch = new EngineWatch(
                containers,
                watchThread,
                clock,
                events,
                Labels.SESSION,
                settings.session(),
                crashes::exited,
                () -> crashes.reconcile(Labels.SESSION, settings.session(), launcher.takeLeftovers()));
        launcher.engine(new InstanceLauncher.Engine() {
            @Override
            public EngineState state() {
                return watch.state();
            }

            @Override
            public void suspect() {
                watch.suspect();
            }
        });
        watch.start();
        usage.start();
    }

    private static ExecutorService boundedExecutor(int threads) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor executor =
                new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "sluice-docker-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public void deploy(FunctionsDocument document) {
        deployments.deploy(document);
        synchronized (this) {
            if (!versionsAttached) {
                versionsAttached = true;
                releases.attach(
                        new ReleaseBook.Pools() {
                            @Override
                            public void published(FunctionVersion version) {
                                deployments.versionPublished(version);
                            }

                            @Override
                            public void deleted(FunctionVersion version, Runnable afterDrained) {
                                deployments.versionDeleted(version, afterDrained);
                            }
                        },
                        notices);
            }
        }
    }

    private static ReleaseBook openReleases(Path stateDir, Clock clock, Deployments deployments) {
        try {
            return ReleaseBook.open(stateDir, clock, function -> {
                InstancePool pool = deployments.pool(function);
                return pool == null ? null : pool.spec();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
    }

    @Override
    public void remove(String function) {
        deployments.remove(function);
    }

    @Override
    public Map<String, List<String>> logs(String function, int tailLines) {
        InstancePool pool = deployments.pool(function);
        if (pool == null) {
            throw new UnknownFunctionException(function);
        }
        Map<String, List<String>> logs = new LinkedHashMap<>();
        for (InstanceView instance : pool.instances()) {
            String containerId = instance.containerId();
            if (containerId != null) {
                logs.put(instance.id(), containers.logs(containerId, tailLines));
            }
        }
        return logs;
    }

    @Override
    public CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos) {
        try {
            return deployments.pool(target).acquire(deadlineNanos);
        } catch (SchedulerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public CallTarget target(String function, @Nullable String qualifier) {
        if (qualifier == null || qualifier.equals(CallTarget.LATEST)) {
            CallTarget latest = deployments.latest(function);
            if (latest == null) {
                throw new UnknownFunctionException(function);
            }
            return latest;
        }
        return releases.target(function, qualifier);
    }

    @Override
    public Releases releases() {
        return releases;
    }

    @Override
    public List<FunctionView> versionPools() {
        return deployments.versionViews();
    }

    @Override
    public List<FunctionSpec> deployed() {
        return deployments.deployed();
    }

    @Override
    public Optional<FunctionSpec> function(String function) {
        InstancePool pool = deployments.pool(function);
        return pool == null ? Optional.empty() : Optional.of(pool.spec());
    }

    @Override
    public List<FunctionView> functions() {
        return deployments.views();
    }

    @Override
    public int stemCellsReady() {
        return launcher.stemCells().readyCount();
    }

    @Override
    public EngineState engine() {
        return watch.state();
    }

    @Override
    public PlatformEvents events() {
        return launcher.platformEvents();
    }

    @Override
    public List<ServiceView> services() {
        return services.views();
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CompletableFuture<String> callLog(Lease lease, Instant since, String requestId) {
        String containerId = lease.containerId();
        return containerId == null
                ? CompletableFuture.completedFuture(CallLog.tail(List.of()))
                : callLogs.tail(containerId, since, requestId);
    }

    @Override
    public CompletableFuture<String> diagnose(Lease lease, String connectionError) {
        return crashes.diagnose(lease, connectionError);
    }

    /**
     * Drains every pool, then removes every container this run created, waiting for {@code grace} at most for
     * in-flight requests first. Blocks.
     */
    @Override
    public void close(Duration grace) {
        closing = true;
        List<InstancePool> all = deployments.takeAll();
        all.forEach(pool -> pool.close(null));
        launcher.stemCells().close();
        usage.stop();
        watch.close();
        watchThread.shutdownNow();
        CompletableFuture<Void> drained = new CompletableFuture<>();
        awaitDrained(all, clock.nanoTime() + grace.toNanos(), drained);
        drained.join();
        snapshots.clear();
        // Services stop with a grace period of their own, so that a database closes its files.
        services.close();
        executor.shutdown();
        try {
            executor.awaitTermination(grace.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Whatever is left (busy past the grace, or launched during shutdown) goes now.
        try {
            for (String id : containers.containersLabelled(Labels.SESSION, settings.session())) {
                containers.remove(id, Duration.ZERO);
            }
            // The functions' networks first: the services' one is the last a service leaves.
            List<String> names = networks.names();
            for (int i = names.size() - 1; i >= 0; i--) {
                containers.removeNetwork(names.get(i));
            }
        } catch (ContainerRuntimeException e) {
            // The engine went away; the next start removes the leftovers by label.
        }
        launcher.stemCells().deleteFiles();
    }

    /** Completes {@code done} once every pool is drained or the deadline passes, checking on the clock. */
    private void awaitDrained(List<InstancePool> all, long deadlineNanos, CompletableFuture<Void> done) {
        if (clock.nanoTime() >= deadlineNanos || all.stream().allMatch(InstancePool::isDrained)) {
            done.complete(null);
            return;
        }
        try {
            clock.schedule(TimeUnit.MILLISECONDS.toNanos(20), () -> awaitDrained(all, deadlineNanos, done));
        } catch (RejectedExecutionException e) {
            done.complete(null); // the clock stopped first: stop waiting
        }
    }
}
