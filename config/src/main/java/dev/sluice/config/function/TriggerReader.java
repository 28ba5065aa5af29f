package dev.sluice.config.function;

import dev.sluice.config.source.YamlList;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code triggers}: a list of {@code - http: { path: /api/rule, methods: [GET, POST] }} and {@code - timer: {
 * cron: "0 0/5 * * * *", payload: "...", enabled: true, name: nightly }}. Paths start with {@code /}, are unique in
 * the document, and stay clear of the gateway's own routes; methods are case-insensitive and default to all of {@link
 * HttpTrigger#ALL_METHODS}. A timer's name defaults to {@code timer} ({@code timer-2}, ... for more) and is unique in
 * its function.
 */
final class TriggerReader {

    /** The gateway's own routes (DESIGN.md, "HTTP surface"); a trigger there could never be reached. */
    static final List<String> RESERVED = List.of("/invoke", "/system", "/metrics", "/ui", "/healthz", "/readyz");

    private static final Pattern PATH = Pattern.compile("/[^\\s?#]*");
    /** A version's number or an alias's name (FC's rule: a letter, then letters, digits, _ and -). */
    private static final Pattern QUALIFIER = Pattern.compile("[0-9]+|[A-Za-z][A-Za-z0-9_-]{0,127}");

    private static final String EXAMPLE =
            "e.g. - http: { path: /api/hello, methods: [GET, POST] } or - timer: { cron: \"@every 1m\" }";
    private static final String METHODS = String.join(", ", HttpTrigger.ALL_METHODS);

    private TriggerReader() {}

    /** A function's triggers of each kind. */
    record Triggers(List<HttpTrigger> http, List<TimerTrigger> timers) {}

    /** Returns the function's triggers; those with problems (reported) are left out. */
    static Triggers read(Section function, TriggerPaths paths) {
        YamlNode node = function.node("triggers");
        Triggers triggers = new Triggers(new ArrayList<>(), new ArrayList<>());
        if (node == null) {
            return triggers;
        }
        if (!(node instanceof YamlList list)) {
            function.report(node, "triggers", Section.notA(node, "a list", EXAMPLE));
            return triggers;
        }
        Set<String> timerNames = new LinkedHashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String path = function.path("triggers") + "[" + i + "]";
            Section trigger = Section.of(item, path, item, function.problems(), "a trigger", EXAMPLE);
            if (trigger == null || !trigger.allowOnly(List.of("http", "timer"))) {
                continue;
            }
            if (trigger.node("timer") != null) {
                Section timer = trigger.child("timer", "a map", "e.g. { cron: \"0 0/5 * * * *\", payload: hello }");
                TimerTrigger read = timer == null ? null : timer(timer, timerNames);
                if (read != null) {
                    triggers.timers().add(read);
                }
                continue;
            }
            trigger.require("http", "{ path: /api/hello }");
            Section http = trigger.child("http", "a map", "e.g. { path: /api/hello, methods: [GET, POST] }");
            HttpTrigger read = http == null ? null : http(http, paths);
            if (read != null) {
                triggers.http().add(read);
            }
        }
        return triggers;
    }

    private static @Nullable TimerTrigger timer(Section timer, Set<String> names) {
        timer.allowOnly(List.of("name", "cron", "payload", "enabled"));
        String name = timer.optionalString("name", "a trigger name", "e.g. nightly");
        YamlNode node = timer.node("name");
        if (name == null) {
            name = names.isEmpty() ? "timer" : "timer-" + (names.size() + 1);
        } else if (names.contains(name) && node != null) {
            timer.report(
                    node,
                    "name",
                    node.describe() + " names another timer of this function already (expected: a"
                            + " name of its own)");
            return null;
        }
        names.add(name);
        return TimerReader.read(timer, name, TimerReader.SLUICE);
    }

    private static @Nullable HttpTrigger http(Section http, TriggerPaths paths) {
        http.allowOnly(List.of("path", "methods", "qualifier"));
        String path = http.requiredString("path", "a path", "starts with /, e.g. /api/hello");
        YamlNode node = http.node("path");
        if (path != null && node != null) {
            if (!PATH.matcher(path).matches()) {
                http.report(node, "path", Section.notA(node, "a path", "starts with /, no spaces, ? or #"));
            } else if (isReserved(path)) {
                http.report(
                        node,
                        "path",
                        node.describe() + " is reserved for Sluice (expected: a path outside "
                                + String.join(", ", RESERVED) + ")");
            } else {
                paths.claim(path, node, http.path("path"), http.problems());
            }
        }
        Set<String> methods = methods(http);
        String qualifier = qualifier(http, "qualifier");
        if (path == null || methods == null || http.hasProblem("path") || http.hasProblem("qualifier")) {
            return null;
        }
        return new HttpTrigger(path, methods, false, false, qualifier);
    }

    /**
     * Returns the qualifier at {@code key} of a trigger (a version's number, an alias's name, {@code LATEST}), or null
     * when it names none; a malformed one is reported.
     */
    static @Nullable String qualifier(Section trigger, String key) {
        YamlNode node = trigger.node(key);
        if (node == null) {
            return null;
        }
        // A version is a number, which YAML reads as one: its text is the qualifier.
        boolean scalar = node instanceof YamlScalar value && (value.isString() || value.isNumber());
        String qualifier = scalar ? ((YamlScalar) node).text() : "";
        if (!QUALIFIER.matcher(qualifier).matches()) {
            trigger.report(
                    node, key, Section.notA(node, "a qualifier", "LATEST, a version like 2 or an alias like prod"));
            return null;
        }
        return qualifier;
    }

    /** Returns whether {@code path} is the gateway's own or below one of its own paths. */
    static boolean isReserved(String path) {
        return RESERVED.stream().anyMatch(r -> path.equals(r) || path.startsWith(r + "/"));
    }

    private static @Nullable Set<String> methods(Section http) {
        YamlNode node = http.node("methods");
        if (node == null) {
            return HttpTrigger.ALL_METHODS;
        }
        if (!(node instanceof YamlList list) || list.items().isEmpty()) {
            String what = node instanceof YamlList
                    ? "an empty list (expected: at least one of " + METHODS + ")"
                    : Section.notA(node, "a list", "e.g. [GET, POST]");
            http.report(node, "methods", what);
            return null;
        }
        Set<String> methods = new LinkedHashSet<>();
        boolean ok = true;
        for (int i = 0; i < list.items().size(); i++) {
            YamlNode item = list.items().get(i);
            String method = item instanceof YamlScalar scalar && scalar.isString()
                    ? scalar.text().toUpperCase(Locale.ROOT)
                    : "";
            if (HttpTrigger.ALL_METHODS.contains(method)) {
                methods.add(method);
            } else {
                http.report(item, "methods[" + i + "]", Section.notA(item, "an HTTP method", "one of " + METHODS));
                ok = false;
            }
        }
        return ok ? methods : null;
    }
}
