package dev.sluice.gateway.trace;

import dev.sluice.scheduler.api.ColdStart;
import java.time.Duration;
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

    /**
     * Returns the {@code Server-Timing} header, in milliseconds: {@code queue}, the cold-start phases that happened
     * when the call waited for one, {@code function} and {@code gateway} (the rest).
     */
    String serverTiming() {
        StringBuilder header = new StringBuilder(160);
        append(header, "queue", queueNanos);
        if (coldStart != null) {
            appendIfHappened(header, "create", coldStart.create());
            appendIfHappened(header, "start", coldStart.start());
            appendIfHappened(header, "port-ready", coldStart.portReady());
            appendIfHappened(header, "specialize", coldStart.specialize());
            appendIfHappened(header, "initialize", coldStart.initialize());
        }
        append(header, "function", functionNanos);
        append(header, "gateway", gatewayNanos);
        return header.toString();
    }

    /** A stem cell is not created, a function without initializer is not initialized: zero phases are left out. */
    private static void appendIfHappened(StringBuilder header, String name, Duration phase) {
        if (!phase.isZero()) {
            append(header, name, phase.toNanos());
        }
    }

    private static void append(StringBuilder header, String name, long nanos) {
        if (header.length() > 0) {
            header.append(", ");
        }
        // Milliseconds with three decimals, without String.format: this runs on every call.
        long micros = Math.max(0, nanos) / 1000;
        long fraction = micros % 1000;
        header.append(name).append(";dur=").append(micros / 1000).append('.');
        if (fraction < 100) {
            header.append(fraction < 10 ? "00" : "0");
        }
        header.append(fraction);
    }

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
            cold.putAll(coldStart.millisByPhase());
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
