package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads and validates one entry under {@code functions:}, reporting every problem it finds. */
final class FunctionReader {

    /** Every key a function may have, in the order the reference documents them. */
    private static final String SETTINGS_HINT = "e.g. runtime, code, handler";

    static final List<String> KEYS = List.of(
            "runtime",
            "code",
            "handler",
            "initializer",
            "initializationTimeout",
            "timeout",
            "memory",
            "diskSize",
            "cpu",
            "instanceConcurrency",
            "minInstances",
            "maxInstances",
            "idleTimeout",
            "env",
            "triggers",
            "watermarks",
            "image",
            "port",
            "command",
            "args");

    /** FC's rule for function names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");

    private final Problems problems;
    private final CodeLocation codes;
    private final TriggerPaths triggerPaths;

    FunctionReader(Problems problems, CodeLocation codes, TriggerPaths triggerPaths) {
        this.problems = problems;
        this.codes = codes;
        this.triggerPaths = triggerPaths;
    }

    /** Returns the function declared by {@code entry}, or null if it has any problem (all of them reported). */
    @Nullable
    FunctionSpec read(YamlMap.Entry entry) {
        int before = problems.count();
        String name = entry.name();
        checkName(entry);
        Section section = Section.of(
                entry.value(), "functions." + name, entry.key(), problems, "a map of settings", SETTINGS_HINT);
        if (section == null) {
            return null;
        }
        section.allowOnly(KEYS);
        Runtime runtime = runtime(section);
        Runtime form = runtime == null ? Runtime.JAVA17 : runtime; // no valid runtime: handlers checked as Java's
        // A custom container brings its own code; code, if given, is mounted as /code all the same.
        Path code = form.isCustomContainer() && section.node("code") == null ? null : codes.read(section);
        checkCodeForm(section, form, code);
        ContainerReader.Server server = ContainerReader.readFor(section, form);
        String handler = handlerOf(section, form);
        String initializer = handler(section, "initializer", form, false);
        Allowance allowance = Allowance.read(section);
        int instanceConcurrency = section.integer("instanceConcurrency", Limits.INSTANCE_CONCURRENCY);
        int minInstances = section.integer("minInstances", Limits.MIN_INSTANCES);
        int maxInstances = section.integer("maxInstances", Limits.MAX_INSTANCES);
        checkInstances(section, minInstances, maxInstances);
        Duration idleTimeout = section.duration("idleTimeout", Limits.IDLE_TIMEOUT);
        EnvReader.Env env = EnvReader.read(section);
        TriggerReader.Triggers triggers = TriggerReader.read(section, triggerPaths);
        Watermarks watermarks = watermarks(section);
        if (problems.count() != before
                || runtime == null
                || (code == null && !form.isCustomContainer())
                || !server.isComplete(form)
                || handler == null) {
            return null;
        }
        return new FunctionSpec(
                name,
                runtime,
                code,
                handler,
                initializer,
                allowance.initializationTimeout(),
                allowance.timeout(),
                allowance.memoryMb(),
                allowance.cpu(),
                instanceConcurrency,
                minInstances,
                maxInstances,
                idleTimeout,
                env.variables(),
                triggers.http(),
                watermarks,
                server.container(),
                env.secrets(),
                allowance.diskSizeMb(),
                null,
                Limits.INITIALIZATION_TIMEOUT.fallback(),
                server.customRuntime(),
                DevsProps.runtimeVersion(section, "runtime"),
                triggers.timers());
    }

    /** Returns the handler; optional for a function that brings its own server (a custom container or runtime). */
    private static @Nullable String handlerOf(Section section, Runtime form) {
        boolean ownServer = form.isCustomContainer() || form.isCustomRuntime();
        return ownServer && section.node("handler") == null ? "" : handler(section, "handler", form, true);
    }

    private static @Nullable Runtime runtime(Section section) {
        String expected = "one of " + Runtime.ids();
        String id = section.requiredString("runtime", "a runtime", expected);
        if (id == null) {
            return null;
        }
        Runtime runtime = Runtime.fromName(id).orElse(null);
        YamlNode node = section.node("runtime");
        if (runtime == null && node != null) {
            section.report(node, "runtime", Section.notA(node, "a runtime", expected));
        }
        return runtime;
    }

    private void checkName(YamlMap.Entry entry) {
        if (!NAME.matcher(entry.name()).matches()) {
            problems.report(
                    entry.key(),
                    "functions",
                    entry.key().describe() + " is not a valid function name (expected: 1 to 64 letters, digits,"
                            + " _ or -, starting with a letter or _)");
        }
    }

    /** Returns the handler or initializer under {@code key}, reporting it when it is not in the runtime's form. */
    private static @Nullable String handler(Section section, String key, Runtime form, boolean required) {
        String handler = required
                ? section.requiredString(key, form.handlerNoun(key), form.handlerHint())
                : section.optionalString(key, form.handlerNoun(key), form.handlerHint());
        YamlNode node = section.node(key);
        if (handler != null && node != null && !form.isHandler(handler)) {
            section.report(node, key, Section.notA(node, form.handlerNoun(key), form.handlerHint()));
        }
        return handler;
    }

    private static void checkCodeForm(Section section, Runtime runtime, @Nullable Path code) {
        YamlNode node = section.node("code");
        if (code != null && node != null && runtime.needsCodeDirectory() && !Files.isDirectory(code)) {
            section.report(
                    node,
                    "code",
                    node.describe() + " is a file, but " + runtime.id() + " loads code from a directory (expected: the"
                            + " directory holding your module, e.g. ./hello)");
        }
    }

    private static void checkInstances(Section section, int minInstances, int maxInstances) {
        YamlNode node = section.node("minInstances");
        if (node == null || minInstances <= maxInstances) {
            return;
        }
        if (section.hasProblem("minInstances") || section.hasProblem("maxInstances")) {
            return;
        }
        String max =
                section.node("maxInstances") == null ? maxInstances + " by default" : Integer.toString(maxInstances);
        section.report(
                node,
                "minInstances",
                node.describe() + " is more than maxInstances (" + max + ")"
                        + " (expected: minInstances <= maxInstances)");
    }

    /** What an instance is allowed: time to initialize and per call, memory, the size of {@code /tmp}, CPU. */
    private record Allowance(
            Duration initializationTimeout, Duration timeout, int memoryMb, int diskSizeMb, double cpu) {
        static Allowance read(Section section) {
            return new Allowance(
                    section.duration("initializationTimeout", Limits.INITIALIZATION_TIMEOUT),
                    section.duration("timeout", Limits.TIMEOUT),
                    Memory.read(section),
                    diskSize(section),
                    section.number("cpu", Limits.MIN_CPU, Limits.MAX_CPU, Limits.DEFAULT_CPU));
        }

        /** Returns the size of {@code /tmp} in MB, e.g. {@code 512Mi} or {@code 10Gi}; the default if absent or wrong. */
        private static int diskSize(Section section) {
            Long mb = section.scalar("diskSize", "a size", "e.g. 512Mi, 10Gi", Values::megabytes);
            int fallback = Limits.DISK_SIZE_MB.fallback();
            if (mb == null || !section.inRange("diskSize", Limits.DISK_SIZE_MB.contains(mb), "64Mi..10Gi")) {
                return fallback;
            }
            return mb.intValue();
        }
    }

    private static Watermarks watermarks(Section section) {
        Section marks = section.child("watermarks", "a map", "e.g. { cpu: 80%, memory: 85% }");
        if (marks == null) {
            return Watermarks.NONE;
        }
        marks.allowOnly(List.of("cpu", "memory"));
        return new Watermarks(percent(marks, "cpu"), percent(marks, "memory"));
    }

    private static int percent(Section marks, String key) {
        Long value = marks.scalar(key, "a percentage", "1%..100%, e.g. 80%", Values::percent);
        if (value == null) {
            return 0;
        }
        return marks.inRange(key, Limits.WATERMARK_PERCENT.contains(value), "1%..100%") ? value.intValue() : 0;
    }
}
