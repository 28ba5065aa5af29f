package dev.sluice.gateway.trace;

import dev.sluice.scheduler.api.ColdStart;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where one finished call's time went, in nanoseconds: waiting for a slot ({@code queue}), for the cold start of the
 * instance it got ({@code coldWait}, with that start's phases), in the function, and in the gateway (the rest).
 */
record Timeline(
        String requestId,
        String function,
        String traceparent,
        long startedEpochMillis,
        int status,
        String errorType,
        long queueNanos,
        long coldWaitNanos,
        @Nullable ColdStart coldStart,
        long functionNanos,
        long gatewayNanos,
        long totalNanos) {

    /** Returns the JSON of {@code GET /system/invocations/{requestId}} and the dashboard, times in milliseconds. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("requestId", requestId);
        json.put("function", function);
        json.put("traceparent", traceparent);
        json.put("traceId", Traceparent.traceId(traceparent));
        json.put("startedAt", Instant.ofEpochMilli(startedEpochMillis).toString());
        json.put("statusCode", status);
        if (!errorType.isEmpty()) {
            json.put("errorType", errorType);
        }
        Map<String, Object> phases = new LinkedHashMap<>();
        phases.put("queue", millis(queueNanos));
        if (coldStart != null) {
            Map<String, Object> cold = new LinkedHashMap<>();
            cold.put("waited", millis(coldWaitNanos));
            cold.put("create", coldStart.create().toMillis());
            cold.put("start", coldStart.start().toMillis());
            cold.put("portReady", coldStart.portReady().toMillis());
            cold.put("specialize", coldStart.specialize().toMillis());
            cold.put("initialize", coldStart.initialize().toMillis());
            phases.put("coldStart", cold);
        }
        phases.put("function", millis(functionNanos));
        phases.put("gateway", millis(gatewayNanos));
        phases.put("total", millis(totalNanos));
        json.put("phasesMs", phases);
        return json;
    }

    private static double millis(long nanos) {
        return Math.round(nanos / 1e3) / 1e3;
    }
}
