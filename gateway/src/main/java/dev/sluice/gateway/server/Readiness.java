package dev.sluice.gateway.server;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.ServiceView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Whether the deployment the gateway was started with is in place, for {@code GET /readyz}: its runtime images
 * built, its services listening, its functions deployed and their reserved instances started. Until then it lists
 * what is still pending; once everything was in place it stays ready (liveness is {@code /healthz}'s).
 *
 * <p>Threads: the starting thread calls {@link #step} and {@link #deployed}; any thread reads {@link #pending}.
 */
public final class Readiness {
    private final @Nullable Scheduler scheduler;
    private final FunctionsDocument document;
    /** What the starting thread is doing now (e.g. building an image), or null once the functions are deployed. */
    private volatile @Nullable String step;

    private volatile boolean deployed;
    /** Latched: once true, never false again. */
    private volatile boolean ready;

    private Readiness(@Nullable Scheduler scheduler, FunctionsDocument document, boolean ready) {
        this.scheduler = scheduler;
        this.document = document;
        this.ready = ready;
        this.deployed = ready;
        this.step = ready ? null : "starting";
    }

    /** Returns a readiness that is ready from the start: for a gateway whose deployment comes later, over HTTP. */
    public static Readiness always() {
        return new Readiness(null, new FunctionsDocument(List.of()), true);
    }

    /** Returns a readiness whose deployment is in place from the start, and that is ready while the engine answers. */
    public static Readiness whileEngineAnswers(Scheduler scheduler) {
        return new Readiness(scheduler, new FunctionsDocument(List.of()), true);
    }

    /** Returns a readiness that waits for {@code document} to be in place on {@code scheduler}. */
    public static Readiness of(Scheduler scheduler, FunctionsDocument document) {
        return new Readiness(scheduler, document, false);
    }

    /** Says what is under way before the deployment, e.g. "building the java17 runtime image". */
    public void step(String what) {
        step = what;
    }

    /** Says that the scheduler took the deployment: what is left is its reserved instances starting. */
    public void deployed() {
        step = null;
        deployed = true;
    }

    /**
     * Returns whether everything is in place and the engine answers. The deployment, once in place, counts as in place
     * for good; the engine is asked each time, since it can go away and come back.
     */
    public boolean isReady() {
        if (!ready && deployed && pending().isEmpty()) {
            ready = true;
        }
        return ready && engineDown() == null;
    }

    /**
     * Returns the word {@code /readyz} answers with: {@code ready}; {@code starting} until the deployment was first
     * in place; {@code unavailable} once it was, while the engine cannot be reached.
     */
    public String status() {
        if (isReady()) {
            return "ready";
        }
        return ready ? "unavailable" : "starting";
    }

    /** Returns what is still pending, one line each, in the order it will be done; empty once ready. */
    public List<String> pending() {
        Scheduler s = scheduler;
        if (s == null) {
            return List.of();
        }
        String engine = engineDown();
        if (ready) {
            return engine == null ? List.of() : List.of(engine);
        }
        List<String> pending = new ArrayList<>();
        if (engine != null) {
            pending.add(engine);
        }
        String now = step;
        if (now != null) {
            pending.add(now);
        }
        pending.addAll(pendingOf(document, s.services(), s.functions(), deployed));
        return pending;
    }

    /** Returns the line saying that the engine cannot be reached, and since when, or null while it answers. */
    private @Nullable String engineDown() {
        Scheduler s = scheduler;
        EngineState engine = s == null ? null : s.engine();
        if (engine == null || engine.up()) {
            return null;
        }
        return "the Docker engine at " + engine.host() + " cannot be reached since "
                + Instant.ofEpochMilli(engine.sinceEpochMillis()) + " (" + engine.reason() + ")";
    }

    /**
     * Returns what of {@code document} is not in place yet, given the scheduler's views: services not listening,
     * the functions if not deployed, and functions with fewer reserved instances READY than {@code minInstances}
     * while one is still starting (a reserved instance whose start failed is not waited for: the console said why,
     * and the pool retries it on its own).
     */
    static List<String> pendingOf(
            FunctionsDocument document, List<ServiceView> services, List<FunctionView> functions, boolean deployed) {
        List<String> pending = new ArrayList<>();
        Map<String, ServiceView> byName =
                services.stream().collect(Collectors.toMap(ServiceView::name, Function.identity(), (a, b) -> a));
        for (ServiceSpec service : document.services()) {
            ServiceView view = byName.get(service.name());
            if (view == null || !"RUNNING".equals(view.state())) {
                pending.add("service " + service.name() + ": " + (view == null ? "not started" : "starting")
                        + " (waiting for port " + service.port() + ")");
            }
        }
        if (!deployed) {
            pending.add("functions: " + document.functions().size() + " to deploy");
            return pending;
        }
        for (FunctionView function : functions) {
            int wanted = function.spec().minInstances();
            long readyCount = function.instances().stream()
                    .filter(i -> i.reserved() && i.state() == InstanceState.READY)
                    .count();
            boolean starting = function.instances().stream().anyMatch(Readiness::isStarting);
            if (readyCount < wanted && starting) {
                pending.add("function " + function.spec().name() + ": " + readyCount + " of " + wanted
                        + " reserved instances ready");
            }
        }
        return pending;
    }

    private static boolean isStarting(InstanceView instance) {
        return instance.reserved()
                && (instance.state() == InstanceState.CREATING
                        || instance.state() == InstanceState.STARTING
                        || instance.state() == InstanceState.INITIALIZING);
    }
}
