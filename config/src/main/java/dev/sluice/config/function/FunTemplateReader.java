package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Aliyun Fun {@code template.yml} ({@code Transform: Aliyun::Serverless-2018-04-03}) into the same model as
 * {@code functions.yml}: every {@code Aliyun::Serverless::Function} of every service becomes a function named as in
 * the template. Runtimes map onto Sluice's ({@code java8}, {@code java11} to {@code java17}; any {@code nodejs*} to
 * {@code nodejs20}; {@code python3}, {@code python3.N} to {@code python3}); an HTTP event becomes a trigger on {@code /<service>/<function>}, also reachable through FC's
 * proxy URL {@code /2016-08-15/proxy/<service>/<function>/...}.
 *
 * <p>What would change how a function behaves but Sluice cannot do (other runtimes, timer or OSS events, custom
 * containers) is a problem: nothing is deployed. Settings that only matter in the cloud (roles, logs, VPC, NAS) are
 * ignored and named in the document's notices, so the template deploys as it is.
 */
final class FunTemplateReader {
    private static final String TRANSFORM = "Aliyun::Serverless-2018-04-03";
    private static final Set<String> CLOUD_ONLY = Set.of(
            "Role",
            "Policies",
            "LogConfig",
            "VpcConfig",
            "NasConfig",
            "InternetAccess",
            "Description",
            "TracingConfig",
            "InstanceType",
            "InstanceLifecycleConfig",
            "AsyncConfiguration",
            "Layers");
    private static final Set<String> FUNCTION_KEYS = Set.of(
            "Handler",
            "Initializer",
            "InitializationTimeout",
            "Runtime",
            "CodeUri",
            "Timeout",
            "MemorySize",
            "InstanceConcurrency",
            "EnvironmentVariables");

    private final Problems problems;
    private final CodeLocation codes;
    private final String source;
    private final List<String> notices = new ArrayList<>();

    FunTemplateReader(Problems problems, CodeLocation codes, String source) {
        this.problems = problems;
        this.codes = codes;
        this.source = source;
    }

    /** Returns whether {@code root} is a Fun template rather than a functions.yml. */
    static boolean isTemplate(YamlNode root) {
        return root instanceof YamlMap map
                && (map.get("Transform") != null || map.get("ROSTemplateFormatVersion") != null);
    }

    FunctionsDocument read(YamlNode root) {
        List<FunctionSpec> functions = new ArrayList<>();
        Section template =
                Section.of(root, "", root, problems, "a template", "ROSTemplateFormatVersion, Transform, Resources");
        if (template == null) {
            return new FunctionsDocument(functions);
        }
        String transform = template.optionalString("Transform", "a transform", TRANSFORM);
        YamlNode transformNode = template.node("Transform");
        if (transform != null && transformNode != null && !transform.equals(TRANSFORM)) {
            template.report(
                    transformNode,
                    "Transform",
                    transformNode.describe() + " is not supported (expected: " + TRANSFORM + ")");
        }
        template.require("Resources", "a map of services");
        Section resources =
                template.child("Resources", "a map", "services, e.g. todolist: {Type: 'Aliyun::Serverless::Service'}");
        if (resources == null) {
            return new FunctionsDocument(functions);
        }
        for (YamlMap.Entry service : resources.map().entries()) {
            Section section = Section.of(
                    service.value(),
                    "Resources." + service.name(),
                    service.key(),
                    problems,
                    "a resource",
                    "a map with Type");
            if (section != null && isType(section, "Aliyun::Serverless::Service")) {
                readService(service.name(), section, functions);
            } else if (section != null) {
                notice(service.key(), "Resources." + service.name(), "is not a service; ignored");
            }
        }
        if (functions.isEmpty() && problems.count() == 0) {
            problems.report(
                    root, "Resources", "no Aliyun::Serverless::Function in any service (expected: at least one)");
        }
        return new FunctionsDocument(functions, Map.of(), notices);
    }

    private void readService(String service, Section section, List<FunctionSpec> functions) {
        for (YamlMap.Entry entry : section.map().entries()) {
            if (entry.name().equals("Type")) {
                continue;
            }
            if (entry.name().equals("Properties")) {
                notice(entry.key(), section.path("Properties"), "service properties are cloud-only; ignored");
                continue;
            }
            Section function = Section.of(
                    entry.value(),
                    section.path(entry.name()),
                    entry.key(),
                    problems,
                    "a function",
                    "a map with Type and Properties");
            if (function != null && isType(function, "Aliyun::Serverless::Function")) {
                FunctionSpec spec = readFunction(service, entry.name(), function);
                boolean taken = functions.stream().anyMatch(f -> f.name().equals(entry.name()));
                if (taken) {
                    // Sluice has one namespace of functions; FC has one per service.
                    function.report(
                            entry.key(),
                            "",
                            "a function named \"" + entry.name()
                                    + "\" is already in another service (expected: unique function names)");
                } else if (spec != null) {
                    functions.add(spec);
                }
            }
        }
    }

    private @Nullable FunctionSpec readFunction(String service, String name, Section function) {
        int before = problems.count();
        function.require("Properties", "Handler, Runtime, CodeUri, ...");
        Section properties = function.child("Properties", "a map", "Handler, Runtime, CodeUri, ...");
        if (properties == null) {
            return null;
        }
        for (YamlMap.Entry entry : properties.map().entries()) {
            if (CLOUD_ONLY.contains(entry.name())) {
                notice(entry.key(), properties.path(entry.name()), "is cloud-only; ignored");
            } else if (!FUNCTION_KEYS.contains(entry.name())) {
                properties.report(
                        entry.key(),
                        entry.name(),
                        "is not supported by Sluice (supported: "
                                + String.join(
                                        ", ", FUNCTION_KEYS.stream().sorted().toList()) + ")");
            }
        }
        Runtime runtime = runtime(properties);
        Runtime form = runtime == null ? Runtime.JAVA17 : runtime;
        String handler = properties.requiredString("Handler", form.handlerNoun("handler"), form.handlerHint());
        String initializer =
                properties.optionalString("Initializer", form.handlerNoun("initializer"), form.handlerHint());
        Path code = code(properties, form);
        FunctionSpecBuilder builder = FunctionSpec.builder(
                        name, code == null ? codes.baseDir() : code, handler == null ? "" : handler)
                .runtime(form)
                .runtimeVersion(DevsProps.runtimeVersion(properties, "Runtime"))
                .initializer(initializer)
                .initializationTimeout(
                        Duration.ofSeconds(properties.integer("InitializationTimeout", new Limits.IntLimit(1, 300, 3))))
                .timeout(Duration.ofSeconds(properties.integer("Timeout", new Limits.IntLimit(1, 86_400, 3))))
                .memoryMb(properties.integer("MemorySize", new Limits.IntLimit(128, 32_768, 512)))
                .instanceConcurrency(properties.integer("InstanceConcurrency", Limits.INSTANCE_CONCURRENCY));
        readEnv(properties, builder);
        readEvents(service, name, function, builder);
        if (problems.count() != before || runtime == null || code == null || handler == null) {
            return null;
        }
        if (!form.isHandler(handler)) {
            YamlNode node = properties.node("Handler");
            if (node != null) {
                properties.report(node, "Handler", Section.notA(node, form.handlerNoun("handler"), form.handlerHint()));
            }
            return null;
        }
        return builder.build();
    }

    private static @Nullable Runtime runtime(Section properties) {
        String id = properties.requiredString("Runtime", "a runtime", "java8, java11, nodejs* or python3*");
        YamlNode node = properties.node("Runtime");
        if (id == null || node == null) {
            return null;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.equals("java8") || lower.equals("java11") || lower.equals("java17")) {
            return Runtime.JAVA17;
        }
        if (lower.startsWith("nodejs")) {
            return Runtime.NODEJS20;
        }
        if (Runtime.fromName(lower).orElse(null) == Runtime.PYTHON3) {
            return Runtime.PYTHON3;
        }
        properties.report(
                node,
                "Runtime",
                node.describe()
                        + " is not supported by Sluice (expected: java8, java11 (run on java17), nodejs* (run on"
                        + " nodejs20), or python3, python3.N (run on python3))");
        return null;
    }

    private @Nullable Path code(Section properties, Runtime runtime) {
        String uri = properties.requiredString("CodeUri", "a path", "a directory or .jar relative to the template");
        YamlNode node = properties.node("CodeUri");
        if (uri == null || node == null) {
            return null;
        }
        Path code = codes.baseDir().resolve(uri).normalize();
        if (!Files.exists(code)) {
            properties.report(
                    node, "CodeUri", node.describe() + " not found at " + code + " (build it first, or fix the path)");
            return null;
        }
        if (!codes.checkInside(properties, node, "CodeUri", code)) {
            return null;
        }
        if (runtime.needsCodeDirectory() && !Files.isDirectory(code)) {
            properties.report(
                    node,
                    "CodeUri",
                    node.describe() + " is a file, but " + runtime.id() + " loads code from a directory");
            return null;
        }
        return code;
    }

    private static void readEnv(Section properties, FunctionSpecBuilder builder) {
        Section env = properties.child("EnvironmentVariables", "a map", "names to values");
        if (env == null) {
            return;
        }
        for (YamlMap.Entry entry : env.map().entries()) {
            if (entry.value() instanceof YamlScalar scalar && !scalar.isNull()) {
                builder.env(entry.name(), scalar.text());
            } else {
                env.report(entry.value(), entry.name(), Section.notA(entry.value(), "a value", "a string or number"));
            }
        }
    }

    private void readEvents(String service, String function, Section section, FunctionSpecBuilder builder) {
        Section events = section.child("Events", "a map", "event names to {Type, Properties}");
        if (events == null) {
            return;
        }
        for (YamlMap.Entry entry : events.map().entries()) {
            Section event = Section.of(
                    entry.value(), events.path(entry.name()), entry.key(), problems, "an event", "a map with Type");
            if (event == null) {
                continue;
            }
            String type = event.requiredString("Type", "an event type", "HTTP");
            YamlNode node = event.node("Type");
            if (type == null || node == null) {
                continue;
            }
            if (type.equalsIgnoreCase("Timer")) {
                Section properties = event.child("Properties", "a map", "CronExpression, Enable, Payload");
                event.require("Properties", "{ CronExpression: '0 0/5 * * * *' }");
                TimerTrigger timer = properties == null ? null : timer(properties, entry.name());
                if (timer != null) {
                    builder.timer(timer);
                }
                continue;
            }
            if (!type.equalsIgnoreCase("HTTP")) {
                event.report(
                        node,
                        "Type",
                        node.describe() + " events are not supported by Sluice (expected: HTTP or Timer)");
                continue;
            }
            Section properties = event.child("Properties", "a map", "AuthType, Methods, Qualifier");
            Set<String> methods =
                    properties == null ? HttpTrigger.ALL_METHODS : DevsProps.methods(properties, "Methods");
            String qualifier = properties == null ? null : TriggerReader.qualifier(properties, "Qualifier");
            builder.trigger(new HttpTrigger("/" + service + "/" + function, methods, false, false, qualifier));
        }
    }

    private static @Nullable TimerTrigger timer(Section properties, String name) {
        properties.allowOnly(List.of("CronExpression", "Enable", "Payload", "Qualifier"));
        return TimerReader.read(properties, name, TimerReader.FUN);
    }

    private static boolean isType(Section section, String type) {
        String actual = section.requiredString("Type", "a resource type", type);
        return type.equals(actual);
    }

    private void notice(YamlNode node, String path, String message) {
        notices.add(source + ":" + node.line() + ":" + node.column() + ": " + path + ": " + message);
    }
}
