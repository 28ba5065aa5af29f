package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One frame of {@code sluice top}, drawn from a {@code GET /system/metrics} body: per function its load against its
 * capacity and the scaling formula, its instances with a bar of their slots, its invocation counts and latencies; then
 * the services. Plain text; the caller decides how to put it on screen. Fields the gateway does not send are left out
 * rather than shown as zero.
 */
final class TopFrame {
    /** Bars of more slots than this are scaled down to it, so that a line fits a terminal. */
    static final int MAX_BAR = 20;

    private TopFrame() {}

    /** Returns the lines of the frame for {@code metrics}, fetched from {@code url}. */
    static List<String> render(JsonNode metrics, String url) {
        List<String> lines = new ArrayList<>();
        lines.add("sluice top  " + url + "  " + metrics.path("time").asText(""));
        JsonNode functions = metrics.path("functions");
        if (functions.isEmpty()) {
            lines.add("");
            lines.add("no functions deployed");
        }
        for (JsonNode function : functions) {
            lines.add("");
            function(function, lines);
        }
        JsonNode services = metrics.path("services");
        if (!services.isEmpty()) {
            lines.add("");
            lines.add("services");
            for (JsonNode service : services) {
                lines.add("  " + service.path("name").asText() + "  "
                        + service.path("state").asText() + "  "
                        + service.path("endpoint").asText("-") + "  restarts "
                        + service.path("restarts").asInt());
            }
        }
        return lines;
    }

    private static void function(JsonNode function, List<String> lines) {
        JsonNode instances = function.path("instances");
        int capacity = 0;
        int idWidth = 0;
        int stateWidth = 0;
        for (JsonNode instance : instances) {
            capacity += instance.path("slots").asInt();
            idWidth = Math.max(idWidth, instance.path("id").asText().length());
            stateWidth = Math.max(stateWidth, instance.path("state").asText().length());
        }
        StringBuilder head = new StringBuilder(function.path("name").asText());
        head.append("  in-flight ").append(function.path("inFlight").asInt());
        head.append(" / capacity ").append(capacity);
        head.append(", queued ").append(function.path("queued").asInt());
        String formula = function.path("formula").asText("");
        if (!formula.isEmpty()) {
            head.append(", ").append(formula);
        }
        lines.add(head.toString());
        for (JsonNode instance : instances) {
            int inUse = instance.path("slotsInUse").asInt();
            int slots = instance.path("slots").asInt();
            lines.add("  " + pad(instance.path("id").asText(), idWidth) + "  "
                    + pad(instance.path("state").asText(), stateWidth) + "  " + bar(inUse, slots) + " " + inUse + "/"
                    + slots);
        }
        JsonNode invocations = function.path("invocations");
        if (invocations.isObject()) {
            lines.add("  " + invocations(invocations));
        }
        JsonNode latency = function.path("latencyMs");
        if (latency.path("count").asLong(1) == 0) {
            lines.add("  latency: no calls yet");
        } else if (!latency.isMissingNode() && !latency.isNull()) {
            lines.add("  latency p50 " + millis(latency.path("p50")) + ", p90 " + millis(latency.path("p90")) + ", p99 "
                    + millis(latency.path("p99")));
        }
    }

    /**
     * Returns the calls by outcome as the snapshot gives them ({@code {"success": 120, "FunctionTimeout": 2}}):
     * {@code invocations ok 120, error 2 (FunctionTimeout 2)}.
     */
    static String invocations(JsonNode outcomes) {
        long ok = 0;
        long errors = 0;
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<String, JsonNode> outcome : outcomes.properties()) {
            long count = outcome.getValue().asLong();
            if (outcome.getKey().equals("success")) {
                ok += count;
            } else {
                errors += count;
                kinds.add(outcome.getKey() + " " + count);
            }
        }
        return "invocations ok " + ok + ", error " + errors
                + (kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")");
    }

    /**
     * Returns a bar of {@code slots} cells, the first {@code inUse} of them filled: {@code [###.......]} for 3 of 10.
     * Above {@link #MAX_BAR} slots each cell stands for several: 30 of 100 slots fill 6 of 20 cells, rounded up so that
     * any use shows.
     */
    static String bar(int inUse, int slots) {
        int cells = Math.min(Math.max(slots, 0), MAX_BAR);
        int filled = slots <= 0 ? 0 : (int) Math.min(cells, ((long) Math.max(inUse, 0) * cells + slots - 1) / slots);
        return "[" + "#".repeat(filled) + ".".repeat(cells - filled) + "]";
    }

    private static String millis(JsonNode value) {
        return value.isNumber() ? String.format(Locale.ROOT, "%.1f ms", value.asDouble()) : "-";
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
