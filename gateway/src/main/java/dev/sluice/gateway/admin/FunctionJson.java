package dev.sluice.gateway.admin;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.ServiceView;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The management API's JSON shapes for functions and instances. */
public final class FunctionJson {
    private FunctionJson() {}

    static Map<String, Object> of(FunctionView view) {
        FunctionSpec spec = view.spec();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", spec.name());
        json.put("runtime", spec.runtime().id());
        json.put("image", view.image());
        json.put("runtimeVersion", view.runtimeVersion());
        json.put("code", spec.code() == null ? null : String.valueOf(spec.code()));
        json.put("handler", spec.handler());
        json.put("initializer", spec.initializer());
        json.put("initializationTimeoutMs", spec.initializationTimeout().toMillis());
        json.put("timeoutMs", spec.timeout().toMillis());
        json.put("memoryMb", spec.memoryMb());
        json.put("cpu", spec.cpu());
        json.put("instanceConcurrency", spec.instanceConcurrency());
        json.put("minInstances", spec.minInstances());
        json.put("maxInstances", spec.maxInstances());
        json.put("idleTimeoutMs", spec.idleTimeout().toMillis());
        json.put("queued", view.queued());
        json.put("instances", view.instances().stream().map(FunctionJson::of).toList());
        return json;
    }

    static Map<String, Object> of(InstanceView instance) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", instance.id());
        json.put("state", instance.state().name());
        json.put("container", instance.containerId());
        json.put("endpoint", instance.endpoint());
        json.put("address", instance.address());
        json.put("slotsInUse", instance.slotsInUse());
        json.put("slots", instance.slots());
        json.put("reserved", instance.reserved());
        ColdStart coldStart = instance.coldStart();
        if (coldStart != null) {
            json.put("coldStartMs", coldStart.millisByPhase());
            json.put("fromStemCell", coldStart.isFromStemCell());
        }
        if (instance.failure() != null) {
            json.put("failure", instance.failure());
        }
        return json;
    }

    static Map<String, Object> list(
            List<FunctionView> views, List<ServiceView> services, int stemCellsReady, EngineState engine) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("engine", of(engine));
        json.put("functions", views.stream().map(FunctionJson::of).toList());
        json.put("services", services.stream().map(FunctionJson::of).toList());
        json.put("stemCellsReady", stemCellsReady);
        return json;
    }

    /** Returns the engine's state: {@code {"host", "up", "since", "reason"}}, {@code since} as an ISO instant. */
    public static Map<String, Object> of(EngineState engine) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("host", engine.host());
        json.put("up", engine.up());
        json.put("since", Instant.ofEpochMilli(engine.sinceEpochMillis()).toString());
        json.put("reason", engine.reason());
        return json;
    }

    static Map<String, Object> of(ServiceView service) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", service.name());
        json.put("image", service.image());
        json.put("state", service.state());
        json.put("containerId", service.containerId());
        json.put("endpoint", service.endpoint());
        json.put("restarts", service.restarts());
        if (service.lastExit() != null) {
            json.put("lastExit", service.lastExit());
        }
        return json;
    }
}
