package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlList;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Resolves an s.yaml's {@code ${...}} references the way Serverless Devs does, before the document is read: {@code
 * ${vars.region}} (the top-level {@code vars}), {@code ${env.NAME}} and {@code ${env('NAME')}} (this process's
 * environment), {@code ${resources.hello.props.memorySize}} and, in FC 2.0 files, {@code ${services.x.props...}}
 * (another part of the same file), and {@code ${config('AccountID')}} ({@code local}). A value that is one reference
 * alone keeps the referenced value's type (a number stays a number, a map a map); references inside a longer string
 * are replaced by their text. Positions stay those of the referring value, so problems point where the user wrote.
 * A reference that cannot be resolved is a problem, never an empty string.
 */
final class DevsVariables {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{\\s*([^}]*?)\\s*}");
    private static final Pattern ENV_CALL = Pattern.compile("env\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final Pattern CONFIG_CALL = Pattern.compile("config\\(\\s*['\"]([^'\"]+)['\"]\\s*\\)");
    private static final String EXPECTED =
            "${vars.NAME}, ${env.NAME}, ${env('NAME')}, ${resources.ID.props.KEY} or ${config('AccountID')}";
    private static final Map<String, String> CONFIG = Map.of(
            "AccountID", "local",
            "Region", "local",
            "AccessKeyID", "",
            "AccessKeySecret", "",
            "SecurityToken", "");

    private final YamlNode root;
    private final Map<String, String> env;
    private final Problems problems;
    /** The references being resolved, innermost last, to refuse a cycle rather than loop. */
    private final Deque<String> resolving = new ArrayDeque<>();

    private DevsVariables(YamlNode root, Map<String, String> env, Problems problems) {
        this.root = root;
        this.env = env;
        this.problems = problems;
    }

    /** Returns {@code root} with every reference resolved; unresolvable ones are reported and left as written. */
    static YamlNode resolve(YamlNode root, Map<String, String> env, Problems problems) {
        return new DevsVariables(root, env, problems).walk(root, "");
    }

    private YamlNode walk(YamlNode node, String path) {
        if (node instanceof YamlMap map) {
            List<YamlMap.Entry> entries = new ArrayList<>();
            for (YamlMap.Entry entry : map.entries()) {
                String child = path.isEmpty() ? entry.name() : path + "." + entry.name();
                entries.add(new YamlMap.Entry(entry.key(), walk(entry.value(), child)));
            }
            return new YamlMap(entries, map.line(), map.column());
        }
        if (node instanceof YamlList list) {
            List<YamlNode> items = new ArrayList<>();
            for (YamlNode item : list.items()) {
                items.add(walk(item, path));
            }
            return new YamlList(items, list.line(), list.column());
        }
        YamlScalar scalar = (YamlScalar) node;
        return scalar.isString() && scalar.text().contains("${") ? interpolate(scalar, path) : scalar;
    }

    private YamlNode interpolate(YamlScalar scalar, String path) {
        String text = scalar.text();
        Matcher whole = REFERENCE.matcher(text);
        if (whole.matches()) {
            YamlNode value = lookup(whole.group(1), scalar, path);
            return value == null ? scalar : placed(value, scalar);
        }
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            YamlNode value = lookup(m.group(1), scalar, path);
            String replacement = m.group();
            if (value instanceof YamlScalar s) {
                replacement = s.text();
            } else if (value != null) {
                problems.report(
                        scalar,
                        path,
                        "${" + m.group(1) + "} is " + value.describe() + ", which cannot be part"
                                + " of a string (expected: a reference to a single value)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return YamlScalar.string(out.toString(), scalar.line(), scalar.column());
    }

    /** Returns the value of {@code expression}, resolved in turn, or null when it cannot be (reported). */
    private @Nullable YamlNode lookup(String expression, YamlScalar at, String path) {
        Matcher envCall = ENV_CALL.matcher(expression);
        String envName = envCall.matches()
                ? envCall.group(1)
                : expression.startsWith("env.") ? expression.substring("env.".length()) : null;
        if (envName != null) {
            String value = env.get(envName);
            if (value == null) {
                problems.report(
                        at,
                        path,
                        "${" + expression + "}: the environment variable " + envName + " is not"
                                + " set (expected: set it, or give the value in vars)");
                return null;
            }
            return YamlScalar.string(value, at.line(), at.column());
        }
        Matcher config = CONFIG_CALL.matcher(expression);
        if (config.matches() && CONFIG.containsKey(config.group(1))) {
            return YamlScalar.string(CONFIG.get(config.group(1)), at.line(), at.column());
        }
        if (expression.startsWith("vars.")
                || expression.startsWith("resources.")
                || expression.startsWith("services.")) {
            return fromDocument(expression, at, path);
        }
        problems.report(at, path, "${" + expression + "} cannot be resolved locally (expected: " + EXPECTED + ")");
        return null;
    }

    private @Nullable YamlNode fromDocument(String expression, YamlScalar at, String path) {
        if (resolving.contains(expression)) {
            problems.report(
                    at, path, "${" + expression + "} refers to itself through " + String.join(" -> ", resolving));
            return null;
        }
        YamlNode node = root;
        for (String part : expression.split("\\.", -1)) {
            node = node instanceof YamlMap map ? map.get(part) : null;
            if (node == null) {
                problems.report(
                        at,
                        path,
                        "${" + expression + "}: there is no " + expression + " in this file (expected: " + EXPECTED
                                + ")");
                return null;
            }
        }
        resolving.addLast(expression);
        try {
            return walk(node, expression);
        } finally {
            resolving.removeLast();
        }
    }

    /** Returns {@code value} as if written where {@code at} is, keeping its type. */
    private static YamlNode placed(YamlNode value, YamlScalar at) {
        if (value instanceof YamlScalar s) {
            return new YamlScalar(s.kind(), s.text(), s.number(), at.line(), at.column());
        }
        return value;
    }
}
