package dev.sluice.gateway.metrics;

import dev.sluice.gateway.invoke.InvocationRecorder;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.Scheduler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyAllocatorMetrics;
import io.micrometer.core.instrument.binder.netty4.NettyEventExecutorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The platform's metrics, in one Prometheus registry under the {@code sluice_} prefix (see {@code
 * docs/metrics.md}): invocations by function and outcome with latency percentiles, cold starts and their phases,
 * scale decisions by reason, failed starts, and, read from the scheduler at each scrape, instances by state,
 * in-flight requests, queue depth and each instance's CPU and memory; plus the JVM's and Netty's own figures.
 * Thread-safe.
 */
public final class PlatformMetrics implements InvocationRecorder, AutoCloseable {
    private static final double[] PERCENTILES = {0.5, 0.9, 0.99};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Scheduler scheduler;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final MultiGauge instances;
    private final MultiGauge inFlight;
    private final MultiGauge queued;
    private final MultiGauge instanceCpu;
    private final MultiGauge instanceMemory;
    /**
     * The meters of each function, version and outcome, made once: a call must not pay for a registry lookup. By
     * function, then version: no key is built per call.
     */
    private final Map<String, Map<String, Meters>> meters = new ConcurrentHashMap<>();

    /** One function's invocation meters. */
    private record Meters(Timer latency, Map<String, Counter> outcomes) {}

    public PlatformMetrics(Scheduler scheduler, EventLoopGroup workers) {
        this.scheduler = scheduler;
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new NettyEventExecutorMetrics(workers).bindTo(registry);
        new NettyAllocatorMetrics(PooledByteBufAllocator.DEFAULT).bindTo(registry);
        instances = gauge("sluice.instances", "Instances of each function by state");
        inFlight = gauge("sluice.in.flight", "Requests of each function being served now");
        queued = gauge("sluice.queued", "Requests of each function waiting for a slot");
        instanceCpu =
                gauge("sluice.instance.cpu.ratio", "Each instance's last CPU reading, as a fraction of its CPU limit");
        instanceMemory = gauge(
                "sluice.instance.memory.ratio",
                "Each instance's last memory reading, as a fraction of its memory limit");
        scheduler.events().subscribe(this::onEvent);
    }

    private MultiGauge gauge(String name, String description) {
        return MultiGauge.builder(name).description(description).register(registry);
    }

    /** Returns the meters of {@code version} of {@code function}, made on first use. */
    private Meters meters(String function, String version) {
        return meters.computeIfAbsent(function, name -> new ConcurrentHashMap<>())
                .computeIfAbsent(
                        version,
                        v -> new Meters(
                                Timer.builder("sluice.invocation.duration")
                                        .description("Time from a call's arrival to its answer")
                                        .tags("function", function, "version", v)
                                        .publishPercentiles(PERCENTILES)
                                        .publishPercentileHistogram()
                                        .minimumExpectedValue(Duration.ofMillis(1))
                                        .maximumExpectedValue(Duration.ofMinutes(5))
                                        .register(registry),
                                new ConcurrentHashMap<>()));
    }

    @Override
    public void record(String function, String version, String outcome, long nanos) {
        Meters of = meters(function, version);
        of.latency().record(nanos, TimeUnit.NANOSECONDS);
        of.outcomes()
                .computeIfAbsent(outcome, o -> Counter.builder("sluice.invocations")
                        .description("Calls of each function by version and outcome")
                        .tags("function", function, "version", version, "outcome", o)
                        .register(registry))
                .increment();
    }

    private void onEvent(PlatformEvent event) {
        if (event instanceof PlatformEvent.ScaleDecided decided) {
            registry.counter(
                            "sluice.scale.decisions",
                            "function",
                            decided.function(),
                            "direction",
                            decided.direction(),
                            "reason",
                            decided.decision().reason().name().toLowerCase(java.util.Locale.ROOT))
                    .increment();
        } else if (event instanceof PlatformEvent.ColdStarted cold) {
            registry.counter(
                            "sluice.cold.starts",
                            "function",
                            cold.function(),
                            "from_stem_cell",
                            Boolean.toString(cold.coldStart().isFromStemCell()))
                    .increment();
            recordPhases(cold.function(), cold.coldStart());
        } else if (event instanceof PlatformEvent.TimerRan timer) {
            String outcome =
                    timer.outcome().equals("ok") || timer.outcome().equals("skipped") ? timer.outcome() : "error";
            registry.counter(
                            "sluice.timer.runs",
                            "function",
                            timer.function(),
                            "trigger",
                            timer.trigger(),
                            "outcome",
                            outcome)
                    .increment();
        } else if (event instanceof PlatformEvent.InstanceChanged changed
                && changed.state().equals("FAILED")) {
            String reason = changed.reason() == null ? "unknown" : changed.reason();
            registry.counter("sluice.instance.failures", "function", changed.function(), "reason", reason)
                    .increment();
        }
    }

    private void recordPhases(String function, ColdStart cold) {
        Map<String, Duration> phases = Map.of(
                "create", cold.create(),
                "start", cold.start(),
                "port_ready", cold.portReady(),
                "specialize", cold.specialize(),
                "initialize", cold.initialize());
        phases.forEach((phase, took) -> Timer.builder("sluice.cold.start.phase")
                .description("Time each phase of a cold start took")
                .tags("function", function, "phase", phase)
                .register(registry)
                .record(took));
    }

    /** Reads the instances, in-flight requests and queues of every function from the scheduler now. */
    void refresh() {
        List<MultiGauge.Row<?>> byState = new ArrayList<>();
        List<MultiGauge.Row<?>> busy = new ArrayList<>();
        List<MultiGauge.Row<?>> waiting = new ArrayList<>();
        List<MultiGauge.Row<?>> cpu = new ArrayList<>();
        List<MultiGauge.Row<?>> memory = new ArrayList<>();
        for (FunctionView view : scheduler.functions()) {
            String name = view.spec().name();
            Map<String, Integer> counts = new java.util.TreeMap<>();
            int slotsInUse = 0;
            for (InstanceView instance : view.instances()) {
                counts.merge(instance.state().name(), 1, Integer::sum);
                slotsInUse += instance.slotsInUse();
                Tags tags = Tags.of("function", name, "instance", instance.id());
                if (instance.cpu() != null) {
                    cpu.add(MultiGauge.Row.of(tags, instance.cpu()));
                }
                if (instance.memory() != null) {
                    memory.add(MultiGauge.Row.of(tags, instance.memory()));
                }
            }
            counts.forEach((state, n) -> byState.add(MultiGauge.Row.of(Tags.of("function", name, "state", state), n)));
            busy.add(MultiGauge.Row.of(Tags.of("function", name), slotsInUse));
            waiting.add(MultiGauge.Row.of(Tags.of("function", name), view.queued()));
        }
        instances.register(byState, true);
        inFlight.register(busy, true);
        queued.register(waiting, true);
        instanceCpu.register(cpu, true);
        instanceMemory.register(memory, true);
    }

    /** Returns every metric in Prometheus' text format, read now. */
    public String scrape() {
        refresh();
        return registry.scrape();
    }

    /** Returns the latency timer of {@code version} of {@code function}. */
    Timer latencyOf(String function, String version) {
        return meters(function, version).latency();
    }

    /** Returns how many calls of {@code version} of {@code function} ended with each outcome so far. */
    Map<String, Double> outcomesOf(String function, String version) {
        Map<String, Double> counts = new java.util.TreeMap<>();
        meters(function, version).outcomes().forEach((outcome, counter) -> counts.put(outcome, counter.count()));
        return counts;
    }

    /** Returns how many calls each version of {@code function} served so far, whatever their outcome. */
    Map<String, Long> callsByVersion(String function) {
        Map<String, Long> calls = new java.util.TreeMap<>();
        meters.getOrDefault(function, Map.of())
                .forEach((version, of) -> calls.put(version, of.latency().count()));
        return calls;
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
