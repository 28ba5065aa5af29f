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
 * Reads the {@code props} of one FC 3.0 function ({@code component: fc3}) of an s.yaml. Its HTTP triggers mount the
 * function at {@code /<functionName>}: FC 3.0 gives each function a domain of its own, and the function sees paths
 * as it would there ({@code /hello/api/x} reaches it as {@code /api/x}). In front of a built-in runtime, an HTTP
 * trigger delivers FC 3.0's HTTP event to the function's event handler; a custom runtime or container gets the
 * request itself.
 */
final class Fc3PropsReader {
    private static final Set<String> SUPPORTED = Set.of(
            "functionName",
            "runtime",
            "code",
            "handler",
            "memorySize",
            "timeout",
            "cpu",
            "diskSize",
            "instanceConcurrency",
            "environmentVariables",
            "instanceLifecycleConfig",
            "customContainerConfig",
            "customRuntimeConfig",
            "triggers");
    private static final Set<String> CLOUD_ONLY = Set.of(
            "region",
            "role",
            "description",
            "logConfig",
            "vpcConfig",
            "nasConfig",
            "ossMountConfig",
            "layers",
            "internetAccess",
            "tracingConfig",
            "tags",
            "instanceIsolationMode",
            "resourceGroupId");

    private final Problems problems;
    private final CodeLocation codes;
    private final DevsNotes notes;

    Fc3PropsReader(Problems problems, CodeLocation codes, DevsNotes notes) {
        this.problems = problems;
        this.codes = codes;
        this.notes = notes;
    }

    /** Returns the function of resource {@code id}, or null if its props have a problem (all reported). */
    @Nullable
    FunctionSpec read(String id, Section props) {
        int before = problems.count();
        checkKeys(props);
        String name = props.optionalString("functionName", "a function name", "e.g. hello");
        String functionName = name == null ? id : name;
        Runtime runtime = DevsProps.runtime(props, "runtime", notes);
        Runtime form = runtime == null ? Runtime.JAVA17 : runtime;
        boolean container = form.isCustomContainer();
        boolean ownServer = container || form.isCustomRuntime();
        Path code = container && props.node("code") == null ? null : codes.read(props, "code");
        String handler = ownServer && props.node("handler") == null
                ? ""
                : props.requiredString("handler", form.handlerNoun("handler"), form.handlerHint());
        FunctionSpecBuilder builder = FunctionSpec.builder(functionName, code, handler == null ? "" : handler)
                .runtime(form)
                .runtimeVersion(DevsProps.runtimeVersion(props, "runtime"))
                .memoryMb(props.integer("memorySize", DevsProps.FC3_MEMORY))
                .timeout(Duration.ofSeconds(props.integer("timeout", DevsProps.SECONDS)))
                .cpu(props.number("cpu", Limits.MIN_CPU, Limits.MAX_CPU, Limits.DEFAULT_CPU))
                .diskSizeMb(props.integer("diskSize", DevsProps.DISK_MB))
                .instanceConcurrency(props.integer("instanceConcurrency", Limits.INSTANCE_CONCURRENCY));
        DevsProps.env(props, "environmentVariables", builder);
        lifecycle(props, form, builder);
        DevsProps.customRuntime(props, form, builder, "port");
        CustomContainer image = container(props, form);
        if (image != null) {
            builder.container(image);
        }
        triggers(props, functionName, form, builder);
        if (problems.count() != before || runtime == null || handler == null || (container && image == null)) {
            return null;
        }
        return DevsProps.checkedHandler(props, form, handler) ? builder.build() : null;
    }

    private void checkKeys(Section props) {
        for (YamlMap.Entry entry : props.map().entries()) {
            if (CLOUD_ONLY.contains(entry.name())) {
                notes.cloudOnly(entry.key(), props.path(entry.name()));
            } else if (!SUPPORTED.contains(entry.name())) {
                props.report(
                        entry.key(),
                        entry.name(),
                        "is not supported by Sluice (supported: "
                                + String.join(", ", SUPPORTED.stream().sorted().toList()) + "; ignored as cloud-only: "
                                + String.join(", ", CLOUD_ONLY.stream().sorted().toList()) + ")");
            }
        }
    }

    /** {@code instanceLifecycleConfig: { initializer: {handler, timeout}, preStop: {handler, timeout} }}. */
    private static void lifecycle(Section props, Runtime form, FunctionSpecBuilder builder) {
        Section lifecycle = props.child("instanceLifecycleConfig", "a map", "initializer, preStop");
        if (lifecycle == null) {
            return;
        }
        lifecycle.allowOnly(List.of("initializer", "preStop"));
        Section initializer = lifecycle.child("initializer", "a map", "{ handler, timeout }");
        if (initializer != null) {
            initializer.allowOnly(List.of("handler", "timeout"));
            builder.initializer(
                            initializer.requiredString("handler", form.handlerNoun("initializer"), form.handlerHint()))
                    .initializationTimeout(
                            Duration.ofSeconds(initializer.integer("timeout", DevsProps.LIFECYCLE_SECONDS)));
        }
        Section preStop = lifecycle.child("preStop", "a map", "{ handler, timeout }");
        if (preStop != null) {
            preStop.allowOnly(List.of("handler", "timeout"));
            builder.preStop(
                    preStop.requiredString("handler", form.handlerNoun("preStop"), form.handlerHint()),
                    Duration.ofSeconds(preStop.integer("timeout", DevsProps.LIFECYCLE_SECONDS)));
        }
    }

    /** {@code customContainerConfig: { image, entrypoint, command, port }}: FC 3.0's command is the image's CMD. */
    private static @Nullable CustomContainer container(Section props, Runtime form) {
        Section config = props.child("customContainerConfig", "a map", "{ image, entrypoint, command, port }");
        if (config == null) {
            if (form.isCustomContainer()) {
                props.require("customContainerConfig", "{ image: a local image, port: 9000 }");
            }
            return null;
        }
        if (!form.isCustomContainer()) {
            props.report(config.map(), "customContainerConfig", "is only for runtime custom-container");
            return null;
        }
        config.allowOnly(List.of("image", "entrypoint", "command", "port", "acrInstanceId", "healthCheckConfig"));
        String image = config.requiredString("image", "an image", "a local image, e.g. my/app:1");
        List<String> entrypoint = DevsProps.commandLine(config, "entrypoint");
        List<String> command = DevsProps.commandLine(config, "command");
        int port = config.integer("port", DevsProps.PORT);
        if (image == null || entrypoint == null || command == null || config.hasProblem("port")) {
            return null;
        }
        return new CustomContainer(image, port, entrypoint, command);
    }

    private void triggers(Section props, String functionName, Runtime form, FunctionSpecBuilder builder) {
        YamlNode node = props.node("triggers");
        if (node == null) {
            return;
        }
        if (!(node instanceof YamlList list)) {
            props.report(node, "triggers", Section.notA(node, "a list of triggers", "- triggerType: http ..."));
            return;
        }
        for (YamlNode item : list.items()) {
            Section trigger = Section.of(
                    item, props.path("triggers"), item, problems, "a trigger", "{ triggerName, triggerType, ... }");
            if (trigger != null) {
                trigger(trigger, functionName, form, builder);
            }
        }
    }

    private void trigger(Section trigger, String functionName, Runtime form, FunctionSpecBuilder builder) {
        trigger.allowOnly(List.of(
                "triggerName",
                "triggerType",
                "qualifier",
                "triggerConfig",
                "description",
                "sourceArn",
                "invocationRole"));
        String type = trigger.requiredString("triggerType", "a trigger type", "http or timer");
        YamlNode typeNode = trigger.node("triggerType");
        if (type == null || typeNode == null) {
            return;
        }
        if (type.equalsIgnoreCase("timer")) {
            DevsProps.timer(trigger, "triggerName", "triggerConfig", builder);
            return;
        }
        if (!type.equalsIgnoreCase("http")) {
            trigger.report(
                    typeNode,
                    "triggerType",
                    typeNode.describe() + " triggers are not supported by Sluice yet" + " (expected: http or timer)");
            return;
        }
        String qualifier = TriggerReader.qualifier(trigger, "qualifier");
        Section config = trigger.child("triggerConfig", "a map", "{ authType, methods }");
        java.util.Set<String> methods = HttpTrigger.ALL_METHODS;
        if (config != null) {
            config.allowOnly(List.of("authType", "methods", "disableURLInternet"));
            DevsProps.authType(config, "authType", notes);
            methods = DevsProps.methods(config, "methods");
        }
        HttpTrigger mounted = DevsProps.mounted(trigger, typeNode, "/" + functionName, methods, form.isBuiltIn());
        if (mounted != null) {
            builder.trigger(mounted.withQualifier(qualifier));
        }
    }
}
