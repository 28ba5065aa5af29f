package dev.sluice.scheduler.service;

import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.CodeVersion;
import dev.sluice.scheduler.ImageSource;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.scheduler.autoscale.Backoff;
import dev.sluice.scheduler.network.Networks;
import dev.sluice.scheduler.protocol.RuntimeClient;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.state.StateDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs the backing services of the deployed document: one container each, started and found listening before the
 * functions that use them are deployed, restarted after it exits on its own (after 1, 2, 4 ... 60 s while it keeps
 * exiting within a minute of its start), and stopped with a grace period, so a database can close its files.
 *
 * <p>{@link #deploy} and {@link #close} block; exits arrive from the engine's event thread and restarts run on the
 * scheduler's executor. State changes hold this object's monitor; engine calls of restarts do not.
 */
public final class Services {
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final int LOG_LINES_IN_ERRORS = 20;
    private static final long STEADY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final ContainerRuntime containers;
    private final Networks networks;
    private final RuntimeClient client;
    private final ImageSource images;
    private final Clock clock;
    private final Executor executor;
    private final ServiceContainers specs;
    private final Duration startTimeout;
    private final Consumer<String> events;
    /** The services of the deployed document, by name. */
    private final Map<String, Running> running = new LinkedHashMap<>();

    /**
     * The container ids of the services, readable without the monitor: every exit of the run is offered to {@link
     * #exited}, and an instance's must not wait while a deploy holds the monitor to start a service.
     */
    private final Set<String> containerIds = ConcurrentHashMap.newKeySet();

    /**
     * The services as {@link #views} show them: the deployed ones and, while a deploy runs, the one it is starting.
     * Replaced whole and read without the monitor, so that a view (on an event loop) never waits for a service that
     * a deploy, holding the monitor, waits to listen.
     */
    private volatile List<Running> shown = List.of();

    private boolean closed;

    /** One service and its current container; the fields a view reads are volatile. */
    private static final class Running {
        final ServiceSpec spec;
        final String image;
        final CodeVersion code;

        volatile @Nullable String containerId;

        volatile @Nullable Endpoint endpoint;

        volatile String state = "STARTING";
        volatile int restarts;
        int exitsInARow;
        long startedNanos;

        volatile @Nullable String lastExit;

        Clock.@Nullable Cancellable pendingRestart;

        Running(ServiceSpec spec, String image, CodeVersion code) {
            this.spec = spec;
            this.image = image;
            this.code = code;
        }
    }

    /**
     * Returns the services of one scheduler, with nothing running yet.
     *
     * @param sessionLabels labels put on every container, identifying this gateway run and its state directory
     * @param networks the networks the services join, where functions reach them by name
     * @param startTimeout how long a started service may take to listen on its port
     * @param events receives one human-readable line per lifecycle event
     */
    public static Services create(
            ContainerRuntime containers,
            RuntimeClient client,
            ImageSource images,
            Clock clock,
            Executor executor,
            Map<String, String> sessionLabels,
            Networks networks,
            StateDirectory state,
            Duration startTimeout,
            Consumer<String> events) {
        ServiceContainers specs = new ServiceContainers(
                sessionLabels,
                networks.ofServices(),
                state,
                java.lang.Runtime.getRuntime().availableProcessors());
        return new Services(containers, client, images, clock, executor, specs, networks, startTimeout, events);
    }

    Services(
            ContainerRuntime containers,
            RuntimeClient client,
            ImageSource images,
            Clock clock,
            Executor executor,
            ServiceContainers specs,
            Networks networks,
            Duration startTimeout,
            Consumer<String> events) {
        this.networks = networks;
        this.containers = containers;
        this.client = client;
        this.images = images;
        this.clock = clock;
        this.executor = executor;
        this.specs = specs;
        this.startTimeout = startTimeout;
        this.events = events;
    }

    /**
     * Makes {@code wanted} the running services: unchanged ones keep running; changed ones are stopped, then started
     * anew (a new container on the same volume must not run beside the old one); new ones are started; those not
     * wanted any more are stopped. Returns once every wanted service listens on its port.
     *
     * @throws ServiceStartException if a service cannot be started; those this call started are stopped again
     */
    public synchronized void deploy(List<ServiceSpec> wanted) {
        Map<String, Running> next = new LinkedHashMap<>();
        List<Running> startedNow = new ArrayList<>();
        for (ServiceSpec spec : wanted) {
            String image = spec.image() != null ? spec.image() : images.imageFor(spec.runtime());
            CodeVersion code = CodeVersion.of(spec.code());
            Running current = running.get(spec.name());
            if (current != null
                    && current.spec.equals(spec)
                    && current.image.equals(image)
                    && current.code.equals(code)) {
                next.put(spec.name(), current);
                continue;
            }
            if (current != null) {
                running.remove(spec.name());
                stop(current);
            }
            Running service = new Running(spec, image, code);
            show(next, service);
            try {
                launch(service);
            } catch (ServiceStartException e) {
                startedNow.forEach(this::stop);
                shown = List.copyOf(running.values());
                throw e;
            }
            startedNow.add(service);
            next.put(spec.name(), service);
        }
        for (Running old : running.values()) {
            if (!next.containsKey(old.spec.name())) {
                stop(old);
            }
        }
        running.clear();
        running.putAll(next);
        shown = List.copyOf(running.values());
    }

    /** Shows the services kept or started so far by a deploy, those it has not reached yet, and {@code starting}. */
    private void show(Map<String, Running> next, Running starting) {
        Map<String, Running> byName = new LinkedHashMap<>(running);
        byName.putAll(next);
        byName.put(starting.spec.name(), starting);
        shown = List.copyOf(byName.values());
    }

    /** Creates and starts the service's container and waits until it listens. Blocks. */
    private void launch(Running service) {
        ServiceSpec spec = service.spec;
        String containerId;
        try {
            containerId = containers.create(specs.forService(spec, service.image));
            service.containerId = containerId;
            containerIds.add(containerId);
            containers.start(containerId);
            networks.serviceUp(containerId, spec.name());
        } catch (ContainerRuntimeException | IllegalStateException | java.io.UncheckedIOException e) {
            removeQuietly(service.containerId);
            throw new ServiceStartException(
                    "service \"" + spec.name() + "\" could not be started from " + service.image + ": "
                            + e.getMessage(),
                    e);
        }
        Endpoint endpoint = containers.endpoint(containerId, spec.port());
        if (!client.awaitPort(endpoint, startTimeout, () -> containers
                        .status(containerId)
                        .running())
                .join()) {
            String why = containers.status(containerId).running()
                    ? "did not listen on port " + spec.port() + " within " + startTimeout.toSeconds() + " s (bind"
                            + " 0.0.0.0, not 127.0.0.1)"
                    : "exited before listening on port " + spec.port() + " ("
                            + containers.status(containerId).reason() + ")";
            String logs = lastLogs(containerId);
            removeQuietly(containerId);
            throw new ServiceStartException("service \"" + spec.name() + "\" " + why + logs);
        }
        service.endpoint = endpoint;
        service.state = "RUNNING";
        service.startedNanos = clock.nanoTime();
        events.accept("service " + spec.name() + " running on " + endpoint.authority() + " (reachable from functions"
                + " as " + spec.name() + ":" + spec.port() + ")");
    }

    /** Returns the ids of the services' containers now. */
    public Set<String> containerIds() {
        return Set.copyOf(containerIds);
    }

    /**
     * A container of this session exited. Returns whether it was a service's; if the service did not stop on the
     * platform's request, a restart is scheduled.
     */
    public boolean exited(String containerId, String reason) {
        if (!containerIds.contains(containerId)) {
            return false;
        }
        synchronized (this) {
            return exitedService(containerId, reason);
        }
    }

    private boolean exitedService(String containerId, String reason) {
        for (Running service : running.values()) {
            if (containerId.equals(service.containerId)) {
                networks.serviceDown(containerId);
                if (!closed && "RUNNING".equals(service.state)) {
                    scheduleRestart(service, reason);
                }
                return true;
            }
        }
        return false;
    }

    private void scheduleRestart(Running service, String reason) {
        boolean steady = clock.nanoTime() - service.startedNanos >= STEADY_NANOS;
        service.exitsInARow = steady ? 1 : service.exitsInARow + 1;
        long delaySeconds = Backoff.seconds(service.exitsInARow);
        service.state = "RESTARTING";
        service.lastExit = reason;
        events.accept(
                "service " + service.spec.name() + " exited (" + reason + "); restarting in " + delaySeconds + " s");
        service.pendingRestart = clock.schedule(TimeUnit.SECONDS.toNanos(delaySeconds), () -> {
            try {
                executor.execute(() -> restart(service));
            } catch (RejectedExecutionException e) {
                // Shutting down: nothing to restart.
            }
        });
    }

    private void restart(Running service) {
        String old;
        synchronized (this) {
            if (closed || running.get(service.spec.name()) != service) {
                return;
            }
            old = service.containerId;
        }
        removeQuietly(old);
        try {
            launch(service);
            synchronized (this) {
                service.restarts++;
                if (closed) {
                    removeQuietly(service.containerId);
                }
            }
        } catch (ServiceStartException | ContainerRuntimeException e) {
            synchronized (this) {
                if (!closed) {
                    scheduleRestart(service, String.valueOf(e.getMessage()));
                }
            }
        }
    }

    /** Returns a snapshot of every service. */
    public List<ServiceView> views() {
        List<ServiceView> views = new ArrayList<>();
        for (Running service : shown) {
            Endpoint endpoint = service.endpoint;
            views.add(new ServiceView(
                    service.spec.name(),
                    service.image,
                    service.state,
                    service.containerId,
                    endpoint == null ? null : endpoint.authority(),
                    service.restarts,
                    service.lastExit));
        }
        return views;
    }

    /** Stops every service, each with a grace period to close its files. Blocks. */
    public void close() {
        List<Running> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(running.values());
            running.clear();
            shown = List.of();
        }
        all.parallelStream().forEach(this::stop);
    }

    private void stop(Running service) {
        Clock.Cancellable pending = service.pendingRestart;
        if (pending != null) {
            pending.cancel();
        }
        service.state = "STOPPED";
        String containerId = service.containerId;
        if (containerId != null) {
            containerIds.remove(containerId);
            networks.serviceDown(containerId);
            try {
                containers.remove(containerId, STOP_GRACE);
            } catch (ContainerRuntimeException e) {
                events.accept("could not remove service " + service.spec.name() + ": " + e.getMessage());
            }
        }
    }

    private void removeQuietly(@Nullable String containerId) {
        if (containerId == null) {
            return;
        }
        containerIds.remove(containerId);
        networks.serviceDown(containerId);
        try {
            containers.remove(containerId, Duration.ZERO);
        } catch (ContainerRuntimeException e) {
            events.accept("could not remove container " + containerId + ": " + e.getMessage());
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
}
