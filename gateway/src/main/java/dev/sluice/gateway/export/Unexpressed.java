package dev.sluice.gateway.export;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.TimerTrigger;
import dev.sluice.config.function.Watermarks;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Says, one line each, what of a function the manifests cannot express, so that it is written as a comment above
 * its Service and on the console rather than dropped without a word.
 */
final class Unexpressed {
    /** Knative's default {@code max-revision-timeout-seconds}; a longer timeout needs the cluster's consent. */
    static final long KNATIVE_MAX_TIMEOUT_SECONDS = 600;

    private Unexpressed() {}

    /** Returns what of {@code function} the Knative Service leaves out or changes, in the order of its keys. */
    static List<String> of(FunctionSpec function) {
        List<String> lines = new ArrayList<>();
        if (!function.runtime().isBuiltIn()) {
            lines.add(customServer(function));
        }
        long timeout = function.timeout().toSeconds();
        if (timeout > KNATIVE_MAX_TIMEOUT_SECONDS) {
            lines.add("timeout " + timeout + "s is above Knative's default limit of " + KNATIVE_MAX_TIMEOUT_SECONDS
                    + "s: raise max-revision-timeout-seconds in the config-defaults ConfigMap, or the Service is"
                    + " refused");
        }
        if (function.idleTimeout().toSeconds() > FunctionManifest.MAX_SCALE_DOWN_DELAY_SECONDS) {
            lines.add("idleTimeout " + function.idleTimeout().toSeconds() + "s is above Knative's longest"
                    + " scale-down-delay, so it is 3600s");
        }
        lines.addAll(triggers(function));
        Watermarks marks = function.watermarks();
        if (marks.hasCpu() || marks.hasMemory()) {
            lines.add("watermarks (" + watermarks(marks) + "): not expressed; Knative scales on concurrency alone"
                    + " here, and picks no pod by its CPU or memory");
        }
        if (function.preStop() != null) {
            lines.add("preStop " + function.preStop() + ": not called; Kubernetes stops the pod with SIGTERM");
        }
        String version = function.runtimeVersion();
        if (version != null) {
            lines.add("runtime python" + version + " runs on the Python the python3 image was built from, as in"
                    + " Sluice");
        }
        return lines;
    }

    /** Returns what of the document as a whole has no counterpart: stem cells. */
    static List<String> ofDocument(Map<Runtime, Integer> prewarm) {
        List<String> lines = new ArrayList<>();
        prewarm.forEach((runtime, count) -> {
            if (count > 0) {
                lines.add("prewarm " + runtime.id() + ": " + count + " (stem cells): not expressed; Knative keeps no"
                        + " pods without a function (min-scale keeps warm pods of one function)");
            }
        });
        return lines;
    }

    private static String customServer(FunctionSpec function) {
        String initializer = function.initializer();
        return "runtime " + function.runtime().id() + ": the image's own server gets Knative's plain requests;"
                + " no POST /initialize is sent"
                + (initializer == null ? "" : " (initializer " + initializer + " is not run)")
                + ", so it must be ready when it listens, and event calls reach it as the requests it serves,"
                + " not as POST /invoke";
    }

    private static List<String> triggers(FunctionSpec function) {
        List<String> lines = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        for (HttpTrigger trigger : function.triggers()) {
            paths.add(trigger.path());
            if (trigger.mounted()) {
                lines.add("HTTP trigger " + trigger.path() + " is mounted: on Knative the function sees the whole"
                        + " path, not the part below " + trigger.path());
            }
            if (trigger.asEvent()) {
                lines.add("HTTP trigger " + trigger.path() + " calls the handler with FC 3.0's HTTP event: on"
                        + " Knative the handler gets the request's body as its event instead");
            }
        }
        if (!paths.isEmpty()) {
            lines.add("HTTP trigger paths " + String.join(", ", paths) + ": the Service answers every path and"
                    + " method on its own host; route one host's paths to several functions with an ingress");
        }
        for (TimerTrigger timer : function.timers()) {
            lines.add("timer " + timer.name() + ": not exported; a Knative PingSource (or a CronJob) can POST its"
                    + " event to the Service");
        }
        return lines;
    }

    private static String watermarks(Watermarks marks) {
        List<String> parts = new ArrayList<>();
        if (marks.hasCpu()) {
            parts.add("cpu " + marks.cpuPercent() + "%");
        }
        if (marks.hasMemory()) {
            parts.add("memory " + marks.memoryPercent() + "%");
        }
        return String.join(", ", parts);
    }
}
