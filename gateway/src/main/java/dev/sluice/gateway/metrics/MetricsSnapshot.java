package dev.sluice.gateway.metrics;

import dev.sluice.gateway.admin.FunctionJson;
import dev.sluice.gateway.trace.Timelines;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.ScaleDecision;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.ServiceView;
import io.micrometer.core.instrument.distribution.HistogramSnapshot;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /system/metrics}: what the dashboard and {@code sluice top} show, as one JSON object read now. Per
 * function: its instances with their slots, in-flight requests against capacity, the queue, the scale formula with
 * today's numbers ({@code ceil((11 + 0) / 10) = 2}), invocations by outcome, latency percentiles, and its last
 * cold start by phase, and its last calls' timelines. The shape is in {@code docs/http-api.md}.
 */
final class MetricsSnapshot {
    /** How many of a function's last calls the dashboard draws. */
    private static final int RECENT_CALLS = 8;

    private MetricsSnapshot() {}

    static Map<String, Object> of(Scheduler scheduler, PlatformMetrics metrics, Timelines timelines) {
        Map<String, List<Object>> versions = new LinkedHashMap<>();
        for (FunctionView view : scheduler.versionPools()) {
            versions.computeIfAbsent(view.spec().name(), name -> new ArrayList<>())
                    .add(function(view, metrics));
        }
        List<Object> functions = new ArrayList<>();
        for (FunctionView view : scheduler.functions()) {
            String name = view.spec().name();
            Map<String, Object> function = function(view, metrics);
            List<Map<String, Object>> recent = timelines.recent(name);
            function.put("recentCalls", recent.subList(0, Math.min(RECENT_CALLS, recent.size())));
            function.put("callsByVersion", metrics.callsByVersion(name));
            function.put("versions", versions.getOrDefault(name, List.of()));
            function.put("aliases", aliases(scheduler.releases().aliases(name)));
            functions.add(function);
        }
        List<Object> services = new ArrayList<>();
        for (ServiceView service : scheduler.services()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", service.name());
            json.put("state", service.state());
            json.put("endpoint", service.endpoint());
            json.put("restarts", service.restarts());
            services.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", Instant.ofEpochMilli(scheduler.clock().epochMillis()).toString());
        json.put("engine", FunctionJson.of(scheduler.engine()));
        json.put("functions", functions);
        json.put("services", services);
        return json;
    }

    private static Map<String, Object> function(FunctionView view, PlatformMetrics metrics) {
        String name = view.spec().name();
        int concurrency = view.spec().instanceConcurrency();
        int inFlight = 0;
        int capacity = 0;
        List<Object> instances = new ArrayList<>();
        ColdStart lastColdStart = null;
        for (InstanceView instance : view.instances()) {
            inFlight += instance.slotsInUse();
            capacity += instance.state().name().equals("READY") ? instance.slots() : 0;
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", instance.id());
            json.put("state", instance.state().name());
            json.put("slotsInUse", instance.slotsInUse());
            json.put("slots", instance.slots());
            json.put("reserved", instance.reserved());
            if (instance.cpu() != null) {
                json.put("cpuPercent", Math.round(instance.cpu() * 1000) / 10.0);
            }
            if (instance.memory() != null) {
                json.put("memoryPercent", Math.round(instance.memory() * 1000) / 10.0);
            }
            instances.add(json);
            if (instance.coldStart() != null) {
                lastColdStart = instance.coldStart();
            }
        }
        int queued = view.queued();
        int desired = Math.min(view.spec().maxInstances(), ScaleDecision.byConcurrency(inFlight, queued, concurrency));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("version", view.version());
        json.put("instanceConcurrency", concurrency);
        json.put("minInstances", view.spec().minInstances());
        json.put("maxInstances", view.spec().maxInstances());
        json.put("inFlight", inFlight);
        json.put("capacity", capacity);
        json.put("queued", queued);
        json.put("desired", desired);
        json.put("formula", ScaleDecision.formula(inFlight, queued, concurrency));
        ScaleDecision last = view.lastDecision();
        if (last != null) {
            json.put("lastDecision", last.toString());
        }
        json.put("instances", instances);
        json.put("invocations", metrics.outcomesOf(name, view.version()));
        json.put("latencyMs", latency(metrics.latencyOf(name, view.version()).takeSnapshot()));
        if (lastColdStart != null) {
            json.put("lastColdStartMs", phases(lastColdStart));
        }
        return json;
    }

    /** Returns each alias with its split: the version it names, and the share each other version takes. */
    private static List<Object> aliases(List<Alias> aliases) {
        List<Object> json = new ArrayList<>();
        for (Alias alias : aliases) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("name", alias.name());
            one.put("version", alias.version());
            one.put("weights", alias.weights());
            json.add(one);
        }
        return json;
    }

    private static Map<String, Object> latency(HistogramSnapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        for (ValueAtPercentile value : snapshot.percentileValues()) {
            String key = "p" + Math.round(value.percentile() * 100);
            json.put(key, Math.round(value.value(TimeUnit.MILLISECONDS) * 100) / 100.0);
        }
        json.put("count", snapshot.count());
        return json;
    }

    /** Returns the phases of a cold start in milliseconds, with their total. */
    static Map<String, Object> phases(ColdStart cold) {
        return cold.millisByPhase();
    }
}
