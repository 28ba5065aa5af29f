package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlList;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads the {@code props} of one FC 2.0 function ({@code component: fc}) of an s.yaml: {@code service}, {@code
 * function} and {@code triggers}. Its HTTP triggers mount the function at {@code /<service>/<function>}, where it
 * sees the rest of the path, as through FC 2.0's proxy URL (which reaches it too); an HTTP function keeps FC 2.0's
 * HTTP handler signature.
 */
final class Fc2PropsReader {
    private static final Set<String> FUNCTION_KEYS = Set.of(
            "name",
            "runtime",
            "codeUri",
            "handler",
            "memorySize",
            "timeout",
            "cpu",
            "diskSize",
            "initializer",
            "initializationTimeout",
            "instanceConcurrency",
            "caPort",
            "customContainerConfig",
            "customRuntimeConfig",
            "environmentVariables",
            "instanceLifecycleConfig");
    private static final Set<String> FUNCTION_CLOUD_ONLY =
            Set.of("description", "instanceType", "layers", "gpuMemorySize", "asyncConfiguration");
    private static final Set<String> SERVICE_CLOUD_ONLY = Set.of(
            "description",
            "role",
            "logConfig",
            "vpcConfig",
            "nasConfig",
            "ossMountConfig",
            "internetAccess",
            "tracingConfig");

    private final Problems problems;
    private final CodeLocation codes;
    private final DevsNotes notes;

    Fc2PropsReader(Problems problems, CodeLocation codes, DevsNotes notes) {
        this.problems = problems;
        this.codes = codes;
        this.notes = notes;
    }

    /** Returns the function of service {@code id}, or null if its props have a problem (all reported). */
    @Nullable
    FunctionSpec read(String id, Section props) {
        int before = problems.count();
        for (YamlMap.Entry entry : props.map().entries()) {
            if (entry.name().equals("region") || entry.name().equals("customDomains")) {
                notes.cloudOnly(entry.key(), props.path(entry.name()));
            } else if (!List.of("service", "function", "triggers").contains(entry.name())) {
                props.report(
                        entry.key(),
                        entry.name(),
                        "is not supported by Sluice (expected: region, service,"
                                + " function, triggers, customDomains)");
            }
        }
        String service = service(props, id);
        props.require("function", "{ name, runtime, codeUri, handler, ... }");
        Section function = props.child("function", "a map", "{ name, runtime, codeUri, handler, ... }");
        if (function == null) {
            return null;
        }
        FunctionSpec spec = function(function, id, service, props);
        return problems.count() == before ? spec : null;
    }

    private String service(Section props, String id) {
        Section service = props.child("service", "a map", "{ name: my-service }");
        if (service == null) {
            return id;
        }
        for (YamlMap.Entry entry : service.map().entries()) {
            if (SERVICE_CLOUD_ONLY.contains(entry.name())) {
                notes.cloudOnly(entry.key(), service.path(entry.name()));
            } else if (!entry.name().equals("name")) {
                service.report(
                        entry.key(),
                        entry.name(),
                        "is not supported by Sluice (expected: name; ignored as" + " cloud-only: "
                                + String.join(
                                        ", ",
                                        SERVICE_CLOUD_ONLY.stream().sorted().toList()) + ")");
            }
        }
        String name = service.optionalString("name", "a service name", "e.g. demo");
        return name == null ? id : name;
    }

    private @Nullable FunctionSpec function(Section function, String id, String service, Section props) {
        for (YamlMap.Entry entry : function.map().entries()) {
            if (FUNCTION_CLOUD_ONLY.contains(entry.name())) {
                notes.cloudOnly(entry.key(), function.path(entry.name()));
            } else if (!FUNCTION_KEYS.contains(entry.name())) {
                function.report(
                        entry.key(),
                        entry.name(),
                        "is not supported by Sluice (supported: "
                                + String.join(
                                        ", ", FUNCTION_KEYS.stream().sorted().toList()) + ")");
            }
        }
        String given = function.optionalString("name", "a function name", "e.g. hello");
        String name = given == null ? id : given;
        Runtime runtime = DevsProps.runtime(function, "runtime", notes);
        Runtime form = runtime == null ? Runtime.JAVA17 : runtime;
        boolean container = form.isCustomContainer();
        boolean ownServer = container || form.isCustomRuntime();
        Path code = container && function.node("codeUri") == null ? null : codes.read(function, "codeUri");
        String handler = ownServer && function.node("handler") == null
                ? ""
                : function.requiredString("handler", form.handlerNoun("handler"), form.handlerHint());
        FunctionSpecBuilder builder = FunctionSpec.builder(name, code, handler == null ? "" : handler)
                .runtime(form)
                .runtimeVersion(DevsProps.runtimeVersion(function, "runtime"))
                .initializer(
                        function.optionalString("initializer", form.handlerNoun("initializer"), form.handlerHint()))
                .initializationTimeout(
                        Duration.ofSeconds(function.integer("initializationTimeout", DevsProps.LIFECYCLE_SECONDS)))
                .memoryMb(function.integer("memorySize", DevsProps.FC2_MEMORY))
                .timeout(Duration.ofSeconds(function.integer("timeout", DevsProps.SECONDS)))
                .cpu(function.number("cpu", Limits.MIN_CPU, Limits.MAX_CPU, Limits.DEFAULT_CPU))
                .diskSizeMb(function.integer("diskSize", DevsProps.DISK_MB))
                .instanceConcurrency(function.integer("instanceConcurrency", Limits.INSTANCE_CONCURRENCY));
        DevsProps.env(function, "environmentVariables", builder);
        preStop(function, form, builder);
        DevsProps.customRuntime(function, form, builder, "caPort");
        CustomContainer image = container(function, form);
        if (image != null) {
            builder.container(image);
        }
        triggers(props, service, name, builder);
        // A missing or refused codeUri was reported; only a custom container runs without code.
        if (runtime == null || handler == null || (container && image == null) || (!container && code == null)) {
            return null;
        }
        return DevsProps.checkedHandler(function, form, handler) ? builder.build() : null;
    }

    private static void preStop(Section function, Runtime form, FunctionSpecBuilder builder) {
        Section lifecycle = function.child("instanceLifecycleConfig", "a map", "preStop, preFreeze");
        if (lifecycle == null) {
            return;
        }
        lifecycle.allowOnly(List.of("preStop", "preFreeze"));
        Section preStop = lifecycle.child("preStop", "a map", "{ handler, timeout }");
        if (preStop != null) {
            preStop.allowOnly(List.of("handler", "timeout"));
            builder.preStop(
                    preStop.requiredString("handler", form.handlerNoun("preStop"), form.handlerHint()),
                    Duration.ofSeconds(preStop.integer("timeout", DevsProps.LIFECYCLE_SECONDS)));
        }
        YamlNode preFreeze = lifecycle.node("preFreeze");
        if (preFreeze != null) {
            // Instances here are never frozen between calls, so the hook would never be due.
            lifecycle.report(
                    preFreeze,
                    "preFreeze",
                    "is not supported by Sluice: instances are never frozen here"
                            + " (expected: remove it; FC 3.0 dropped it too)");
        }
    }

    /** {@code caPort} and {@code customContainerConfig: { image, command, args }} (JSON arrays in strings). */
    private static @Nullable CustomContainer container(Section function, Runtime form) {
        Section config = function.child("customContainerConfig", "a map", "{ image, command, args }");
        if (config == null) {
            if (form.isCustomContainer()) {
                function.require("customContainerConfig", "{ image: a local image }");
            }
            return null;
        }
        if (!form.isCustomContainer()) {
            function.report(config.map(), "customContainerConfig", "is only for runtime custom-container");
            return null;
        }
        config.allowOnly(List.of("image", "command", "args", "accelerationType", "instanceID"));
        String image = config.requiredString("image", "an image", "a local image, e.g. my/app:1");
        List<String> command = DevsProps.commandLine(config, "command");
        List<String> args = DevsProps.commandLine(config, "args");
        int port = function.integer("caPort", DevsProps.PORT);
        if (image == null || command == null || args == null || function.hasProblem("caPort")) {
            return null;
        }
        return new CustomContainer(image, port, command, args);
    }

    private void triggers(Section props, String service, String function, FunctionSpecBuilder builder) {
        YamlNode node = props.node("triggers");
        if (node == null) {
            return;
        }
        if (!(node instanceof YamlList list)) {
            props.report(node, "triggers", Section.notA(node, "a list of triggers", "- name: http, type: http ..."));
            return;
        }
        for (YamlNode item : list.items()) {
            Section trigger = Section.of(item, props.path("triggers"), item, problems, "a trigger", "{ name, type }");
            if (trigger == null) {
                continue;
            }
            trigger.allowOnly(List.of("name", "type", "config", "qualifier", "role", "sourceArn"));
            String type = trigger.requiredString("type", "a trigger type", "http or timer");
            YamlNode typeNode = trigger.node("type");
            if (type == null || typeNode == null) {
                continue;
            }
            if (type.equalsIgnoreCase("timer")) {
                DevsProps.timer(trigger, "name", "config", builder);
                continue;
            }
            if (!type.equalsIgnoreCase("http")) {
                trigger.report(
                        typeNode,
                        "type",
                        typeNode.describe() + " triggers are not supported by Sluice yet"
                                + " (expected: http or timer)");
                continue;
            }
            Section config = trigger.child("config", "a map", "{ authType, methods }");
            Set<String> methods = HttpTrigger.ALL_METHODS;
            if (config != null) {
                config.allowOnly(List.of("authType", "methods"));
                DevsProps.authType(config, "authType", notes);
                methods = DevsProps.methods(config, "methods");
            }
            String qualifier = TriggerReader.qualifier(trigger, "qualifier");
            HttpTrigger mounted = DevsProps.mounted(trigger, typeNode, "/" + service + "/" + function, methods, false);
            if (mounted != null) {
                builder.trigger(mounted.withQualifier(qualifier));
            }
        }
    }
}
