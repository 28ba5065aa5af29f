package dev.sluice.scheduler.pool;

import dev.sluice.config.function.CodeTree;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.ContainerInitException;
import dev.sluice.scheduler.api.ContainerStartException;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.EngineUnavailableException;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.PlatformEvents;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.network.Networks;
import dev.sluice.scheduler.protocol.InitializerFailedException;
import dev.sluice.scheduler.protocol.RuntimeClient;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.ContainerStatus;
import dev.sluice.scheduler.runtime.EngineUnreachableException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Brings instances up (create, start, wait for the port, initialize) and removes them, on a bounded executor
 * because every container engine call blocks. Each phase is timed; the result is the instance's {@link ColdStart}.
 * Any failure removes the container and reports a {@link SchedulerException} naming the cause.
 */
public final class InstanceLauncher {
    private static final int LOG_LINES_IN_ERRORS = 20;

    private final ContainerRuntime containers;
    private final Networks networks;
    private final RuntimeClient client;
    private final Clock clock;
    private final Executor executor;
    private final ContainerSpecs specs;
    private final Duration startTimeout;
    private final Consumer<String> events;
    private final StemCells stemCells;
    private final PlatformEvents platformEvents = new PlatformEvents();
    /** Containers to remove once the engine answers again. */
    private final Set<String> leftovers = ConcurrentHashMap.newKeySet();
    /** The engine's health as the scheduler watches it; {@link Engine#NONE} until one is given. */
    private volatile Engine engine = Engine.NONE;

    /** What the launcher asks of the watch on the engine. */
    public interface Engine {
        /** An engine that is always up, for a launcher nobody watches the engine for. */
        Engine NONE = new Engine() {
            @Override
            public EngineState state() {
                return new EngineState("", true, 0, null);
            }

            @Override
            public void suspect() {}
        };

        /** Returns the engine's state as last seen. */
        EngineState state();

        /** Says that a call found no engine: check now. */
        void suspect();
    }

    /**
     * @param sessionLabels labels put on every container, identifying this gateway run and its state directory
     * @param startTimeout how long a started container may take to listen on its port
     * @param events receives one human-readable line per lifecycle event (cold starts, failures)
     */
    public InstanceLauncher(
            ContainerRuntime containers,
            RuntimeClient client,
            Clock clock,
            Executor executor,
            Map<String, String> sessionLabels,
            Duration startTimeout,
            Consumer<String> events) {
        this(
                containers,
                client,
                clock,
                executor,
                sessionLabels,
                startTimeout,
                events,
                Networks.ENGINE_DEFAULT,
                InstanceLauncher::noSecret);
    }

    /**
     * @param networks the networks instances and stem cells join
     * @param secrets the value of each platform secret, by name
     */
    public InstanceLauncher(
            ContainerRuntime containers,
            RuntimeClient client,
            Clock clock,
            Executor executor,
            Map<String, String> sessionLabels,
            Duration startTimeout,
            Consumer<String> events,
            Networks networks,
            UnaryOperator<String> secrets) {
        this.containers = containers;
        this.client = client;
        this.clock = clock;
        this.executor = executor;
        this.networks = networks;
        this.specs = new ContainerSpecs(sessionLabels, Runtime.getRuntime().availableProcessors(), secrets);
        this.startTimeout = startTimeout;
        this.events = events;
        this.stemCells =
                new StemCells(containers, client, executor, specs, networks.ofStemCells(), startTimeout, events);
    }

    private static String noSecret(String name) {
        throw new IllegalStateException("no state directory for the secret " + name);
    }

    /** Returns the CPU limit, in cores, that containers of {@code function} get on this host. */
    double cpuLimitOf(FunctionSpec function) {
        return specs.cpuOf(function);
    }

    /** Tells the launcher how the engine is watched, for the errors of launches that find none. */
    public void engine(Engine engine) {
        this.engine = engine;
    }

    /** Returns the stem cells this launcher specializes before it creates containers. */
    public StemCells stemCells() {
        return stemCells;
    }

    /** Reports a lifecycle or scaling line to whoever listens (the console, the event stream). */
    void event(String line) {
        events.accept(line);
    }

    /** Tells the platform's listeners about {@code event}. */
    void publish(PlatformEvent event) {
        platformEvents.publish(event);
    }

    /** Returns where platform events are published, to subscribe to them. */
    public PlatformEvents platformEvents() {
        return platformEvents;
    }

    void launch(InstancePool pool, Instance instance) {
        executor.execute(() -> run(pool, instance));
    }

    void remove(Instance instance) {
        retire(instance, null);
    }

    /**
     * Removes the container of a healthy instance of {@code function} that is no longer needed, after its pre-stop
     * handler if the function has one (a failing one is said and does not keep the instance).
     */
    void retire(Instance instance, @Nullable FunctionSpec function) {
        String containerId = instance.containerId();
        if (containerId == null) {
            return;
        }
        Endpoint endpoint = instance.endpoint();
        FunctionSpec hooked = function != null && function.preStop() != null ? function : null;
        try {
            executor.execute(() -> {
                if (hooked != null && endpoint != null) {
                    String failure = client.preStop(endpoint, hooked, instance.id(), hooked.preStopTimeout());
                    if (failure != null) {
                        events.accept(instance.id() + ": pre-stop handler " + hooked.preStop() + " failed: " + failure
                                + "; removed all the same");
                    }
                }
                removeQuietly(containerId);
            });
        } catch (RejectedExecutionException e) {
            // The scheduler is closing: its final sweep removes every container of this session by label. Throwing
            // here would reach the caller releasing a lease, before its response is written.
            events.accept("container " + containerId + " is left to the shutdown sweep");
        }
    }

    private void run(InstancePool pool, Instance instance) {
        FunctionSpec function = pool.spec();
        StemCells.StemCell cell = stemCells.take(function, pool.image());
        if (cell != null) {
            runFromStemCell(pool, instance, cell);
            return;
        }
        try {
            long t0 = clock.nanoTime();
            String containerId = containers.create(containerOf(pool, instance));
            if (!pool.created(instance, containerId)) {
                pool.abandon(instance);
                return;
            }
            long t1 = clock.nanoTime();
            containers.start(containerId);
            Endpoint endpoint = containers.endpoint(containerId, ContainerSpecs.portOf(function));
            if (!pool.advance(instance, InstanceState.STARTING, endpoint)) {
                pool.abandon(instance);
                return;
            }
            long t2 = clock.nanoTime();
            awaitPort(function, instance, containerId, endpoint);
            long t3 = clock.nanoTime();
            if (function.hasInitializer()) {
                if (!pool.advance(instance, InstanceState.INITIALIZING, null)) {
                    pool.abandon(instance);
                    return;
                }
                initialize(pool, instance, endpoint);
            }
            long t4 = clock.nanoTime();
            ColdStart coldStart = ColdStart.fresh(
                    Duration.ofNanos(t1 - t0),
                    Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2),
                    Duration.ofNanos(t4 - t3));
            events.accept(instance.id() + " ready: " + coldStart);
            publish(new PlatformEvent.ColdStarted(
                    clock.epochMillis(), pool.spec().name(), instance.id(), coldStart));
            pool.ready(instance, coldStart);
        } catch (SchedulerException e) {
            fail(pool, instance, e);
        } catch (ContainerRuntimeException e) {
            fail(pool, instance, startFailure(function, instance, e));
        } catch (RuntimeException e) {
            fail(
                    pool,
                    instance,
                    new ContainerStartException(
                            "unexpected failure starting " + instance.id() + ": " + e,
                            function.name(),
                            instance.id(),
                            e));
        }
    }

    /** Binds a ready stem cell to the function: its code, its environment, then the initializer as usual. */
    private void runFromStemCell(InstancePool pool, Instance instance, StemCells.StemCell cell) {
        FunctionSpec function = pool.spec();
        try {
            long t0 = clock.nanoTime();
            if (!pool.created(instance, cell.containerId())
                    || !pool.advance(instance, InstanceState.STARTING, cell.endpoint())) {
                pool.abandon(instance);
                return;
            }
            Path code = pool.code();
            if (code != null) {
                CodeTree.copyInto(code, cell.codeDir());
            }
            // On the function's network before its code runs when a service runs: module code may connect to it as it
            // loads. Without one, the join (tens of ms of the engine's time, more for the function's first network)
            // waits until the instance is ready, off its first call's path; until then only its siblings cannot
            // reach it.
            boolean joinFirst = networks.anyService();
            if (joinFirst) {
                networks.join(cell.containerId(), function.name());
            }
            client.specialize(cell.endpoint(), specs.env(function, instance.id(), pool.version()), instance.id());
            long t1 = clock.nanoTime();
            if (function.hasInitializer()) {
                if (!pool.advance(instance, InstanceState.INITIALIZING, null)) {
                    pool.abandon(instance);
                    return;
                }
                initialize(pool, instance, cell.endpoint());
            }
            long t2 = clock.nanoTime();
            ColdStart coldStart = ColdStart.fromStemCell(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1));
            events.accept(instance.id() + " ready: " + coldStart);
            publish(new PlatformEvent.ColdStarted(
                    clock.epochMillis(), pool.spec().name(), instance.id(), coldStart));
            pool.ready(instance, coldStart);
            if (!joinFirst) {
                joinLate(cell, function, instance);
            }
        } catch (SchedulerException e) {
            fail(pool, instance, e);
        } catch (IOException | RuntimeException e) {
            fail(
                    pool,
                    instance,
                    new ContainerStartException(
                            "specializing stem cell for " + instance.id() + " failed: " + e.getMessage(),
                            function.name(),
                            instance.id(),
                            e));
        }
    }

    /** Joins a cell already serving its function to the function's network; a failure leaves it serving. */
    private void joinLate(StemCells.StemCell cell, FunctionSpec function, Instance instance) {
        try {
            networks.join(cell.containerId(), function.name());
        } catch (RuntimeException e) {
            events.accept(instance.id() + " serves, but did not join the network of " + function.name()
                    + " (its siblings cannot reach it): " + e.getMessage());
        }
    }

    private void awaitPort(FunctionSpec function, Instance instance, String containerId, Endpoint endpoint) {
        // The launch holds its thread while the probe's checks run on the clock and the probe's own threads.
        if (client.awaitPort(endpoint, startTimeout, () -> containers
                        .status(containerId)
                        .running())
                .join()) {
            return;
        }
        ContainerStatus status = containers.status(containerId);
        String why = status.running()
                ? "did not listen on port " + endpoint.containerPort() + " within " + startTimeout.toSeconds()
                        + " s (a server bound to 127.0.0.1 inside the container is unreachable: bind 0.0.0.0)"
                : "exited before listening on port " + endpoint.containerPort() + " (" + status.reason() + ")";
        throw new ContainerStartException(
                "instance " + instance.id() + " " + why + lastLogs(containerId), function.name(), instance.id(), null);
    }

    /** Returns the container of a new instance of {@code pool}: its function, image, code and version. */
    private ContainerSpec containerOf(InstancePool pool, Instance instance) {
        FunctionSpec function = pool.spec();
        return specs.forInstance(
                function,
                pool.image(),
                pool.code(),
                instance.id(),
                pool.version(),
                networks.ofFunction(function.name()));
    }

    private void initialize(InstancePool pool, Instance instance, Endpoint endpoint) {
        FunctionSpec function = pool.spec();
        String version = pool.version();
        try {
            client.initialize(endpoint, function, instance.id(), version, function.initializationTimeout());
        } catch (InitializerFailedException e) {
            throw new ContainerInitException(String.valueOf(e.getMessage()), function.name(), instance.id(), e);
        }
    }

    private String lastLogs(String containerId) {
        try {
            List<String> lines = containers.logs(containerId, LOG_LINES_IN_ERRORS);
            return lines.isEmpty() ? "; it printed nothing" : "; its last output:\n  " + String.join("\n  ", lines);
        } catch (ContainerRuntimeException e) {
            return "";
        }
    }

    /** Reports a failed launch; the pool has the container removed. */
    private void fail(InstancePool pool, Instance instance, SchedulerException cause) {
        events.accept(instance.id() + " failed: " + cause.getMessage());
        pool.failed(instance, cause);
    }

    /** Returns what a launch that an engine call failed fails with. */
    private SchedulerException startFailure(FunctionSpec function, Instance instance, ContainerRuntimeException e) {
        if (e instanceof EngineUnreachableException unreachable) {
            return engineUnavailable(function, instance, unreachable);
        }
        return new ContainerStartException(String.valueOf(e.getMessage()), function.name(), instance.id(), e);
    }

    /**
     * Returns the failure of a launch that found no engine: 503 {@code EngineUnavailable}, saying since when, and
     * tells the engine's watch, which may not have noticed yet.
     */
    private EngineUnavailableException engineUnavailable(
            FunctionSpec function, Instance instance, EngineUnreachableException e) {
        Engine now = engine;
        now.suspect();
        EngineState state = now.state();
        String since = state.up() ? "" : " since " + Instant.ofEpochMilli(state.sinceEpochMillis());
        return new EngineUnavailableException(
                "the Docker engine cannot be reached" + since + " (" + e.reason() + "): no instance of \""
                        + function.name() + "\" can be started until it answers again",
                function.name(),
                instance.id(),
                e);
    }

    /** Returns the containers whose removal failed because the engine could not be reached, and forgets them. */
    public List<String> takeLeftovers() {
        List<String> taken = List.copyOf(leftovers);
        leftovers.removeAll(taken);
        return taken;
    }

    private void removeQuietly(String containerId) {
        try {
            containers.remove(containerId, Duration.ZERO);
        } catch (EngineUnreachableException e) {
            // Removed when the engine is back (reconcile), or by the shutdown's sweep by label.
            leftovers.add(containerId);
        } catch (ContainerRuntimeException e) {
            events.accept("could not remove container " + containerId + ": " + e.getMessage());
        }
    }
}
