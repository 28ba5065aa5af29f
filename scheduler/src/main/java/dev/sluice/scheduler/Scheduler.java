package dev.sluice.scheduler;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.autoscale.ScaleDecision;
import dev.sluice.scheduler.events.PlatformEvents;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.logs.CallLog;
import dev.sluice.scheduler.logs.CallLogs;
import dev.sluice.scheduler.pool.InstanceLauncher;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.pool.InstanceView;
import dev.sluice.scheduler.pool.Lease;
import dev.sluice.scheduler.pool.StemCells;
import dev.sluice.scheduler.protocol.RuntimeClient;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerStatus;
import dev.sluice.scheduler.runtime.Labels;
import dev.sluice.scheduler.service.ServiceView;
import dev.sluice.scheduler.service.Services;
import dev.sluice.scheduler.state.StateDirectory;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The scheduler: one {@link InstancePool} per deployed function, swapped atomically on deploy. This is the only
 * entry point the gateway uses. {@link #acquire} never blocks; {@link #deploy}, {@link #remove}, {@link #logs} and
 * {@link #close} do (they may build images, remove containers and read container logs) and must not be called on an
 * event loop.
 *
 * <p>The file is past 400 lines because it is the gateway's one door into scheduling: each operation here is short
 * and hands the work to the pool, image, service and runtime packages.
 */
public final class Scheduler implements AutoCloseable {
    private final ContainerRuntime containers;
    private final ImageSource images;
    private final Clock clock;
    private final SchedulerSettings settings;
    private final ExecutorService executor;
    private final InstanceLauncher launcher;
    private final String network;
    private final Services services;
    private final CallLogs callLogs;
    /** The engine's stream of container exits of this session; closed with the scheduler. */
    private final Closeable exits;

    /** The pools taking requests, by function name. Replaced whole on deploy; never mutated in place. */
    private volatile Map<String, Deployed> pools = Map.of();
    /** The specs of {@link #pools}, replaced with it. */
    private volatile List<FunctionSpec> deployed = List.of();
    /** The document {@link #pools} was deployed from, for {@link #remove} to deploy it again without one function. */
    private volatile FunctionsDocument document = new FunctionsDocument(List.of());
    /** Set once {@link #close} starts; from then on no request is taken. */
    private volatile boolean closing;

    private static final int PLAIN_USAGE_TICKS = 5;
    /** Usage reading ticks so far; only the timer thread touches it. */
    private long usageTicks;
    /** Pools replaced by a deploy that still drain their in-flight requests. */
    private final List<InstancePool> draining = new CopyOnWriteArrayList<>();

    public Scheduler(
            ContainerRuntime containers,
            RuntimeClient client,
            ImageSource images,
            Clock clock,
            SchedulerSettings settings,
            Consumer<String> events) {
        this.containers = containers;
        this.images = images;
        this.clock = clock;
        this.settings = settings;
        this.executor = boundedExecutor(settings.dockerThreads());
        Map<String, String> labels = Map.of(Labels.SESSION, settings.session(), Labels.HOME, settings.homeLabel());
        // One network per run: services are reached by name on it, and nothing else's containers are.
        this.network = "sluice-" + settings.session();
        containers.ensureNetwork(
                network,
                Map.of(Labels.SESSION, settings.session(), Labels.HOME, settings.homeLabel(), Labels.MANAGED, "true"));
        StateDirectory state = new StateDirectory(settings.stateDir());
        this.launcher = new InstanceLauncher(
                containers, client, clock, executor, labels, settings.startTimeout(), events, network, state::secret);
        this.services = Services.create(
                containers, client, images, clock, executor, labels, network, state, settings.startTimeout(), events);
        this.callLogs = new CallLogs(containers, clock, executor);
        this.exits = containers.watchExits(Labels.SESSION, settings.session(), this::onExit);
        scheduleUsageReading();
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

    /**
     * Makes {@code document} the deployed set, whole: images are resolved first (so a failure changes nothing),
     * then new and changed functions get fresh pools (starting their reserved instances) and replaced or removed
     * ones drain. Unchanged functions keep their warm instances.
     */
    public synchronized void deploy(FunctionsDocument document) {
        Map<Runtime, String> imageByRuntime = new EnumMap<>(Runtime.class);
        Map<String, String> imageByFunction = new LinkedHashMap<>();
        for (FunctionSpec spec : document.functions()) {
            imageByFunction.put(
                    spec.name(),
                    spec.container() != null
                            ? localImage(spec, spec.container().image())
                            : imageByRuntime.computeIfAbsent(spec.runtime(), images::imageFor));
        }
        // The services first: a function's initializer may need its database.
        services.deploy(document.services());
        Map<String, Deployed> next = new LinkedHashMap<>();
        List<InstancePool> started = new ArrayList<>();
        for (FunctionSpec spec : document.functions()) {
            CodeVersion code = CodeVersion.of(spec.code());
            Deployed current = pools.get(spec.name());
            String image = Objects.requireNonNull(imageByFunction.get(spec.name()));
            if (current != null && current.isSame(spec, image, code)) {
                next.put(spec.name(), current);
            } else {
                InstancePool pool = new InstancePool(spec, image, launcher, clock, settings.scaling());
                next.put(spec.name(), new Deployed(pool, code));
                started.add(pool);
            }
        }
        Map<String, Deployed> previous = pools;
        pools = Map.copyOf(next);
        deployed = List.copyOf(document.functions());
        this.document = document;
        StemCells stemCells = launcher.stemCells();
        stemCells.configure(stemCells.targetsFor(document, imageByRuntime));
        started.forEach(InstancePool::start);
        for (Deployed old : previous.values()) {
            Deployed successor = next.get(old.pool().spec().name());
            if (!old.equals(successor)) {
                // Requests waiting on the old version move to the new one; those in flight finish where they are.
                old.pool().close(successor == null ? null : successor.pool());
                draining.add(old.pool());
            }
        }
        draining.removeIf(InstancePool::isDrained);
    }

    /**
     * Removes {@code function} from the deployment: deploys the current document without it, so its instances drain
     * as if a deploy had left it out, and the other functions, the services and the stem cells stay as they are. The
     * last function may go; the services then run on alone. Blocks.
     *
     * @throws UnknownFunctionException if no function of that name is deployed
     */
    public synchronized void remove(String function) {
        if (!pools.containsKey(function)) {
            throw new UnknownFunctionException(function);
        }
        FunctionsDocument current = document;
        List<FunctionSpec> rest = current.functions().stream()
                .filter(spec -> !spec.name().equals(function))
                .toList();
        deploy(new FunctionsDocument(rest, current.prewarm(), current.notices(), current.services()));
    }

    /**
     * Returns the last {@code tailLines} lines of the container log of each instance of {@code function} that has a
     * container, by instance id in pool order, oldest line first. Reads the engine on the calling thread, so it blocks
     * and must not be called on an event loop.
     *
     * @throws UnknownFunctionException if no function of that name is deployed
     */
    public Map<String, List<String>> logs(String function, int tailLines) {
        Deployed deployed = pools.get(function);
        if (deployed == null) {
            throw new UnknownFunctionException(function);
        }
        Map<String, List<String>> logs = new LinkedHashMap<>();
        for (InstanceView instance : deployed.pool().instances()) {
            String containerId = instance.containerId();
            if (containerId != null) {
                logs.put(instance.id(), containers.logs(containerId, tailLines));
            }
        }
        return logs;
    }

    /** Returns {@code image} if it is on this machine; Sluice never pulls, so a missing one stops the deploy. */
    private String localImage(FunctionSpec spec, String image) {
        if (!containers.hasImage(image)) {
            throw new ImageBuildException("function \"" + spec.name() + "\" runs image " + image + ", which is not on"
                    + " this machine, and Sluice never pulls: build it first (docker build -t " + image + " .) or"
                    + " load it (docker load)");
        }
        return image;
    }

    /**
     * Returns a lease on a slot of a READY instance of {@code function}, waiting until {@code deadlineNanos} (on this
     * scheduler's clock) at most. Never blocks.
     */
    public CompletableFuture<Lease> acquire(String function, long deadlineNanos) {
        Deployed deployed = pools.get(function);
        if (deployed == null) {
            return CompletableFuture.failedFuture(new UnknownFunctionException(function));
        }
        return deployed.pool().acquire(deadlineNanos);
    }

    /**
     * Returns the deployed functions, in document order. The same list object is returned until the next deploy, so
     * callers may cache what they derive from it by identity.
     */
    public List<FunctionSpec> deployed() {
        return deployed;
    }

    /** Returns the deployed version of {@code function}, if any. */
    public Optional<FunctionSpec> function(String function) {
        Deployed deployed = pools.get(function);
        return deployed == null ? Optional.empty() : Optional.of(deployed.pool().spec());
    }

    /** Returns a snapshot of every deployed function and its instances. */
    public List<FunctionView> functions() {
        List<FunctionView> views = new ArrayList<>();
        for (Deployed deployed : pools.values()) {
            InstancePool pool = deployed.pool();
            views.add(
                    new FunctionView(pool.spec(), pool.image(), pool.instances(), pool.queued(), pool.lastDecision()));
        }
        return views;
    }

    /** Returns how many stem cells wait to be specialized. */
    public int stemCellsReady() {
        return launcher.stemCells().readyCount();
    }

    /** Returns where instance changes, scale decisions and cold starts are published as they happen. */
    public PlatformEvents events() {
        return launcher.platformEvents();
    }

    /** Returns a snapshot of the backing services. */
    public List<ServiceView> services() {
        return services.views();
    }

    /** Returns whether the scheduler is shutting down (and takes no more requests). */
    public boolean isClosing() {
        return closing;
    }

    /** Returns the scheduler's clock, on which acquire deadlines are expressed. */
    public Clock clock() {
        return clock;
    }

    /**
     * Returns the log of call {@code requestId}, which ran on {@code lease}'s instance from {@code since}, as FC's
     * {@code x-fc-log-result} (base64 of its last 4 KB). Never blocks the caller.
     */
    public CompletableFuture<String> callLog(Lease lease, Instant since, String requestId) {
        String containerId = lease.containerId();
        return containerId == null
                ? CompletableFuture.completedFuture(CallLog.tail(List.of()))
                : callLogs.tail(containerId, since, requestId);
    }

    /**
     * Returns why the instance behind {@code lease} broke mid-request, e.g. {@code OOMKilled} or {@code exit 137}:
     * what the engine's exit event said, or else what the engine says of the container within two seconds (a
     * connection can break a moment before the engine sees the exit). Never blocks the caller.
     */
    public CompletableFuture<String> diagnose(Lease lease, String connectionError) {
        CompletableFuture<String> reason = new CompletableFuture<>();
        diagnoseAttempt(lease, connectionError, reason, 20);
        return reason;
    }

    private void diagnoseAttempt(Lease lease, String connectionError, CompletableFuture<String> reason, int left) {
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
                    clock.schedule(
                            TimeUnit.MILLISECONDS.toNanos(100),
                            () -> diagnoseAttempt(lease, connectionError, reason, left - 1));
                }
            } catch (ContainerRuntimeException e) {
                reason.complete(connectionError);
            }
        });
    }

    /** A container of this session exited: if it was serving, its pool takes it out and replaces it as needed. */
    private void onExit(String containerId) {
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
                for (InstancePool pool : allPools()) {
                    if (pool.crashed(containerId, reason)) {
                        return;
                    }
                }
                launcher.stemCells().exited(containerId);
            });
        } catch (RejectedExecutionException e) {
            // Shutting down: every container goes anyway.
        }
    }

    /**
     * Reads the CPU and memory of every READY instance, then again after a while: each tick for functions with
     * watermarks, which scale on them; every {@value #PLAIN_USAGE_TICKS}th tick for the others, whose readings only
     * feed the metrics (a reading can be a slow Docker stats call where the cgroup files are out of reach).
     */
    private void scheduleUsageReading() {
        clock.schedule(settings.usageInterval().toNanos(), () -> {
            if (closing) {
                return;
            }
            boolean everyone = usageTicks++ % PLAIN_USAGE_TICKS == 0;
            for (InstancePool pool : allPools()) {
                if (!everyone && pool.spec().watermarks().equals(Watermarks.NONE)) {
                    continue;
                }
                for (InstanceView instance : pool.readyInstances()) {
                    String containerId = instance.containerId();
                    if (containerId != null) {
                        executor.execute(() -> readUsage(pool, instance.id(), containerId));
                    }
                }
            }
            scheduleUsageReading();
        });
    }

    private void readUsage(InstancePool pool, String instanceId, String containerId) {
        try {
            pool.recordUsage(instanceId, containers.usage(containerId));
        } catch (ContainerRuntimeException e) {
            // The container went away between listing and reading; its exit is handled on its own.
        }
    }

    private List<InstancePool> allPools() {
        List<InstancePool> all = new ArrayList<>(draining);
        pools.values().forEach(d -> all.add(d.pool()));
        return all;
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException e) {
            // Only a stream of events; the containers are removed by label regardless.
        }
    }

    /**
     * Drains every pool, then removes every container this run created, waiting for {@code grace} at most for
     * in-flight requests first. Blocks.
     */
    public void close(Duration grace) {
        closing = true;
        List<InstancePool> all = new ArrayList<>(draining);
        synchronized (this) {
            pools.values().forEach(d -> all.add(d.pool()));
            pools = Map.of();
            deployed = List.of();
        }
        all.forEach(pool -> pool.close(null));
        launcher.stemCells().close();
        closeQuietly(exits);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        awaitDrained(all, clock.nanoTime() + grace.toNanos(), drained);
        drained.join();
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
            containers.removeNetwork(network);
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

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }

    /** A deployed pool and the code version it was deployed with. */
    private record Deployed(InstancePool pool, CodeVersion code) {
        boolean isSame(FunctionSpec spec, String image, CodeVersion code) {
            return pool.spec().equals(spec) && pool.image().equals(image) && this.code.equals(code);
        }
    }

    /**
     * A snapshot of one deployed function.
     *
     * @param lastDecision the pool's last scale-out decision, with its inputs, or null before the first
     */
    public record FunctionView(
            FunctionSpec spec,
            String image,
            List<InstanceView> instances,
            int queued,
            @Nullable ScaleDecision lastDecision) {}
}
