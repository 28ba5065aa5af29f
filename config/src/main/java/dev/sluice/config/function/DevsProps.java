package dev.sluice.config.function;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.config.source.YamlList;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What both s.yaml editions write alike: runtimes, environment variables, HTTP trigger methods and auth. */
final class DevsProps {
    private static final String RUNTIMES =
            "nodejs* (runs on nodejs20), java8, java11 or java17 (run on java17), python3 or python3.N (run on"
                    + " python3), custom, custom.debian10/11/12, or custom-container";

    /** FC's ranges, as whole numbers the way s.yaml writes them; memory defaults differ between the editions. */
    static final Limits.IntLimit FC3_MEMORY = new Limits.IntLimit(128, 32_768, 512);

    static final Limits.IntLimit FC2_MEMORY = new Limits.IntLimit(128, 32_768, 128);
    static final Limits.IntLimit SECONDS = new Limits.IntLimit(1, 86_400, 3);
    static final Limits.IntLimit LIFECYCLE_SECONDS = new Limits.IntLimit(1, 300, 3);
    static final Limits.IntLimit DISK_MB = new Limits.IntLimit(512, 10_240, 512);
    static final Limits.IntLimit PORT = new Limits.IntLimit(1, 65_535, 9000);

    private DevsProps() {}

    /** Returns whether {@code handler} is in {@code form}'s handler form; reports it under {@code handler} if not. */
    static boolean checkedHandler(Section props, Runtime form, String handler) {
        if (form.isHandler(handler)) {
            return true;
        }
        YamlNode node = props.node("handler");
        if (node != null) {
            props.report(node, "handler", Section.notA(node, form.handlerNoun("handler"), form.handlerHint()));
        }
        return false;
    }

    /** Returns Sluice's runtime for the s.yaml {@code runtime} under {@code key}, or null (reported). */
    static @Nullable Runtime runtime(Section props, String key, DevsNotes notes) {
        String id = props.requiredString(key, "a runtime", RUNTIMES);
        YamlNode node = props.node(key);
        if (id == null || node == null) {
            return null;
        }
        String lower = id.toLowerCase(Locale.ROOT);
        if (lower.startsWith("nodejs")) {
            if (!lower.equals("nodejs20")) {
                notes.note(node, props.path(key), id + " runs on nodejs20 here");
            }
            return Runtime.NODEJS20;
        }
        if (lower.equals("java8") || lower.equals("java11") || lower.equals("java17")) {
            if (!lower.equals("java17")) {
                notes.note(node, props.path(key), id + " runs on java17 here");
            }
            return Runtime.JAVA17;
        }
        if (lower.equals("custom-container")) {
            return Runtime.CUSTOM_CONTAINER;
        }
        if (Runtime.fromName(lower).orElse(null) == Runtime.PYTHON3) {
            return Runtime.PYTHON3;
        }
        if (lower.equals("custom") || lower.matches("custom\\.debian(10|11|12)")) {
            return Runtime.CUSTOM;
        }
        String why = lower.startsWith("python2")
                ? "Python 2 is not supported (Sluice runs Python 3 functions; FC retired python2.7 too)"
                : "not supported";
        props.report(node, key, node.describe() + ": " + why + " (expected: " + RUNTIMES + ")");
        return null;
    }

    /**
     * Returns the Python version the runtime name under {@code key} asks for ({@code 3.12} of {@code python3.12}), or
     * null: it runs on this machine's Python 3, and the deploy says so when that is another version.
     */
    static @Nullable String runtimeVersion(Section section, String key) {
        return section.node(key) instanceof YamlScalar name
                ? Runtime.versionAskedBy(name.text().toLowerCase(Locale.ROOT)).orElse(null)
                : null;
    }

    /**
     * Adds the timer trigger {@code trigger} describes (FC's {@code timer}: its name under {@code nameKey}, its
     * {@code cronExpression}, {@code payload} and {@code enable} under {@code configKey}) to {@code builder}.
     */
    static void timer(Section trigger, String nameKey, String configKey, FunctionSpecBuilder builder) {
        String name = trigger.optionalString(nameKey, "a trigger name", "e.g. timer");
        trigger.require(configKey, "{ cronExpression: '0 0/5 * * * *', enable: true }");
        Section config = trigger.child(configKey, "a map", "{ cronExpression, enable, payload }");
        if (config == null) {
            return;
        }
        config.allowOnly(List.of("cronExpression", "enable", "payload"));
        TimerTrigger timer = TimerReader.read(config, name == null ? "timer" : name, TimerReader.FC);
        if (timer != null) {
            builder.timer(timer);
        }
    }

    /** Adds the variables of the map under {@code key} (FC's {@code environmentVariables}) to {@code builder}. */
    static void env(Section props, String key, FunctionSpecBuilder builder) {
        Section env = props.child(key, "a map", "NAME: value pairs");
        if (env == null) {
            return;
        }
        for (YamlMap.Entry entry : env.map().entries()) {
            if (entry.name().startsWith("FC_")) {
                env.report(
                        entry.key(),
                        entry.name(),
                        "is reserved for the platform (expected: a name not starting" + " with FC_)");
            } else if (entry.value() instanceof YamlScalar scalar && !scalar.isNull()) {
                builder.env(entry.name(), scalar.text());
            } else {
                env.report(entry.value(), entry.name(), Section.notA(entry.value(), "a value", "a string or number"));
            }
        }
    }

    /** Returns the methods listed under {@code key} in an HTTP trigger's config; every method when absent. */
    static Set<String> methods(Section config, String key) {
        YamlNode node = config.node(key);
        if (node == null) {
            return HttpTrigger.ALL_METHODS;
        }
        if (!(node instanceof YamlList list)) {
            config.report(node, key, Section.notA(node, "a list of methods", "e.g. [GET, POST]"));
            return HttpTrigger.ALL_METHODS;
        }
        Set<String> methods = new LinkedHashSet<>();
        for (YamlNode item : list.items()) {
            String method = item instanceof YamlScalar scalar ? scalar.text().toUpperCase(Locale.ROOT) : "";
            if (HttpTrigger.ALL_METHODS.contains(method)) {
                methods.add(method);
            } else {
                config.report(
                        item,
                        key,
                        item.describe() + " is not an HTTP method (expected: one of " + HttpTrigger.ALL_METHODS + ")");
            }
        }
        return methods.isEmpty() ? HttpTrigger.ALL_METHODS : methods;
    }

    /**
     * Reads an HTTP trigger's {@code authType}: {@code anonymous} is what Sluice does; {@code function} (FC's
     * signature check) and {@code jwt} are noted, since every local call is let through.
     */
    static void authType(Section config, String key, DevsNotes notes) {
        String auth = config.optionalString(key, "an auth type", "anonymous, function or jwt");
        YamlNode node = config.node(key);
        if (auth == null || node == null || auth.equalsIgnoreCase("anonymous")) {
            return;
        }
        if (List.of("function", "jwt").contains(auth.toLowerCase(Locale.ROOT))) {
            notes.note(node, config.path(key), auth + ": calls are not authenticated locally; every call is let in");
        } else {
            config.report(node, key, node.describe() + " is not an auth type (expected: anonymous, function or jwt)");
        }
    }

    /**
     * Reads {@code customRuntimeConfig: { command, args, port }} into {@code builder} for a custom runtime function
     * ({@code port} under {@code portKey} of {@code props} when it lives there, as FC 2.0's {@code caPort}).
     */
    static void customRuntime(Section props, Runtime form, FunctionSpecBuilder builder, String portKey) {
        Section config = props.child("customRuntimeConfig", "a map", "{ command, args, port }");
        Limits.IntLimit port = PORT;
        if (config == null) {
            if (form.isCustomRuntime()) {
                builder.customRuntime(new CustomRuntime(List.of(), List.of(), props.integer(portKey, port)));
            }
            return;
        }
        if (!form.isCustomRuntime()) {
            props.report(config.map(), "customRuntimeConfig", "is only for runtime custom (custom.debian10/11/12)");
            return;
        }
        config.allowOnly(List.of("command", "args", "port", "healthCheckConfig"));
        List<String> command = commandLine(config, "command");
        List<String> args = commandLine(config, "args");
        int listen = config.node("port") != null ? config.integer("port", port) : props.integer(portKey, port);
        if (command != null && args != null) {
            builder.customRuntime(new CustomRuntime(command, args, listen));
        }
    }

    /** Returns the list of strings under {@code key}, written as a list or as a JSON array in a string (FC 2.0). */
    static @Nullable List<String> commandLine(Section section, String key) {
        YamlNode node = section.node(key);
        if (node instanceof YamlScalar scalar && scalar.isString()) {
            List<String> words = jsonStrings(scalar.text());
            if (words == null) {
                section.report(node, key, Section.notA(node, "a command", "a list, or a JSON array like '[\"node\"]'"));
            }
            return words;
        }
        return ContainerReader.strings(section, key);
    }

    /** Returns the strings of a JSON array of strings, or null when {@code text} is not one. */
    private static @Nullable List<String> jsonStrings(String text) {
        List<String> words = new ArrayList<>();
        try (JsonParser parser = new JsonFactory().createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                return null;
            }
            JsonToken token = parser.nextToken();
            while (token == JsonToken.VALUE_STRING) {
                words.add(parser.getText());
                token = parser.nextToken();
            }
            return token == JsonToken.END_ARRAY && parser.nextToken() == null ? words : null;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Returns the trigger mounting a function at {@code mount} for {@code methods} (delivering FC 3.0's HTTP event
     * when {@code asEvent}), or null when the mount is a path the gateway serves itself (reported at {@code at}).
     */
    static @Nullable HttpTrigger mounted(
            Section trigger, YamlNode at, String mount, Set<String> methods, boolean asEvent) {
        if (TriggerReader.isReserved(mount)) {
            trigger.report(
                    at,
                    "",
                    "its HTTP trigger would mount the function at " + mount + ", which Sluice uses"
                            + " itself (expected: a name outside " + String.join(", ", TriggerReader.RESERVED) + ")");
            return null;
        }
        return new HttpTrigger(mount, methods, true, asEvent);
    }
}
