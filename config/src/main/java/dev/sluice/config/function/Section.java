package dev.sluice.config.function;

import dev.sluice.config.function.Limits.DurationLimit;
import dev.sluice.config.function.Limits.IntLimit;
import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A YAML map at a known key path, read key by key. Each reader reports what is wrong with its key, then returns the
 * default so that reading goes on; {@link #hasProblem} tells whether a key was bad, for checks across keys.
 *
 * <p>Messages follow one grammar: a value of the wrong kind is "{@code "512mb" is not a size (expected: e.g. 128Mi,
 * 1Gi)}", a value out of range is "{@code 0 (expected: 1..100)}".
 */
final class Section {

    private final YamlMap map;
    private final String path;

    /** Where problems about the section as a whole point, e.g. a missing key: the section's own key. */
    private final YamlNode anchor;

    private final Problems problems;

    /** Keys a "did you mean" hint pointed at, so that they are not also reported missing. */
    private final Set<String> suggested = new HashSet<>();

    /** Keys whose value was reported as wrong. */
    private final Set<String> bad = new HashSet<>();

    private Section(YamlMap map, String path, YamlNode anchor, Problems problems) {
        this.map = map;
        this.path = path;
        this.anchor = anchor;
        this.problems = problems;
    }

    /** Returns a section for {@code node} if it is a map; otherwise reports that a map was expected. */
    static @Nullable Section of(
            YamlNode node, String path, YamlNode anchor, Problems problems, String noun, String expected) {
        if (node instanceof YamlMap map) {
            return new Section(map, path, anchor, problems);
        }
        problems.report(node, path, notA(node, noun, expected));
        return null;
    }

    /** Returns the section under {@code key}, or null if the key is absent or not a map (which is reported). */
    @Nullable
    Section child(String key, String noun, String expected) {
        YamlMap.Entry entry = map.entry(key);
        if (entry == null) {
            return null;
        }
        Section child = of(entry.value(), path(key), entry.key(), problems, noun, expected);
        if (child == null) {
            bad.add(key);
        }
        return child;
    }

    YamlMap map() {
        return map;
    }

    Problems problems() {
        return problems;
    }

    String path() {
        return path;
    }

    /** Returns the path of {@code key} in this section, e.g. {@code functions.hello.timeout}. */
    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Returns the value under {@code key}, or null if absent. */
    @Nullable
    YamlNode node(String key) {
        return map.get(key);
    }

    /** Reports every key not in {@code known}, with a hint when one is close; returns whether all were known. */
    boolean allowOnly(List<String> known) {
        boolean clean = true;
        for (YamlMap.Entry entry : map.entries()) {
            if (known.contains(entry.name())) {
                continue;
            }
            clean = false;
            String message = "unknown key \"" + entry.name() + "\"";
            Optional<String> hint = Suggestions.closest(entry.name(), known);
            if (hint.isPresent()) {
                suggested.add(hint.get());
                message += " (did you mean \"" + hint.get() + "\"?)";
            } else {
                message += " (expected: " + String.join(", ", known) + ")";
            }
            problems.report(entry.key(), path, message);
        }
        return clean;
    }

    /** Returns the value under {@code key}; if absent, reports it missing (unless a hint already pointed at it). */
    @Nullable
    YamlNode require(String key, String expected) {
        YamlNode node = map.get(key);
        if (node == null && !suggested.contains(key)) {
            problems.report(anchor, path, "missing required key \"" + key + "\" (expected: " + expected + ")");
        }
        return node;
    }

    /** Returns a required non-blank string, or null if absent or not a string (either is reported). */
    @Nullable
    String requiredString(String key, String noun, String expected) {
        YamlNode node = require(key, expected);
        return node == null ? null : string(key, node, noun, expected);
    }

    /** Returns an optional non-blank string, or null if absent or not a string (which is reported). */
    @Nullable
    String optionalString(String key, String noun, String expected) {
        YamlNode node = map.get(key);
        return node == null ? null : string(key, node, noun, expected);
    }

    private @Nullable String string(String key, YamlNode node, String noun, String expected) {
        if (node instanceof YamlScalar scalar
                && scalar.isString()
                && !scalar.text().isBlank()) {
            return scalar.text();
        }
        report(node, key, notA(node, noun, expected));
        return null;
    }

    /** Returns a duration in {@code limit}, its default if absent, or (reported) the default if wrong. */
    Duration duration(String key, DurationLimit limit) {
        Duration value = scalar(key, "a duration", "e.g. 500ms, 5s, 2m, 1h, or a number of seconds", Values::duration);
        if (value == null) {
            return limit.fallback();
        }
        return inRange(key, limit.contains(value), limit.toString()) ? value : limit.fallback();
    }

    /** Returns a whole number in {@code limit}, its default if absent, or (reported) the default if wrong. */
    int integer(String key, IntLimit limit) {
        Long value = scalar(key, "a whole number", limit.toString(), Values::whole);
        if (value == null) {
            return limit.fallback();
        }
        return inRange(key, limit.contains(value), limit.toString()) ? value.intValue() : limit.fallback();
    }

    /** Returns a number in {@code min..max}, {@code fallback} if absent, or (reported) {@code fallback} if wrong. */
    double number(String key, double min, double max, double fallback) {
        String range = display(min) + ".." + display(max);
        Double value = scalar(key, "a number", range, Values::decimal);
        if (value == null) {
            return fallback;
        }
        return inRange(key, value >= min && value <= max, range) ? value : fallback;
    }

    /**
     * Returns the value under {@code key} converted by {@code reader}, or null if absent or not convertible; reports
     * the latter as "is not {@code noun}".
     */
    <T> @Nullable T scalar(String key, String noun, String expected, Function<YamlScalar, @Nullable T> reader) {
        YamlNode node = map.get(key);
        if (node == null) {
            return null;
        }
        T value = node instanceof YamlScalar scalar ? reader.apply(scalar) : null;
        if (value == null) {
            report(node, key, notA(node, noun, expected));
        }
        return value;
    }

    /** Reports the value under {@code key} as out of range unless {@code ok}; returns {@code ok}. */
    boolean inRange(String key, boolean ok, String range) {
        YamlNode node = map.get(key);
        if (!ok && node != null) {
            report(node, key, node.describe() + " (expected: " + range + ")");
        }
        return ok;
    }

    /** Reports a problem with the value under {@code key}, located at {@code node}. */
    void report(YamlNode node, String key, String message) {
        bad.add(key);
        problems.report(node, path(key), message);
    }

    /** Returns whether a problem was reported for {@code key}. */
    boolean hasProblem(String key) {
        return bad.contains(key);
    }

    /** Returns "{@code <value> is not <noun> (expected: <expected>)}", or "no value (...)" for an empty value. */
    static String notA(YamlNode node, String noun, String expected) {
        if (node instanceof YamlScalar scalar && scalar.isNull()) {
            return "no value (expected: " + noun + ", " + expected + ")";
        }
        return node.describe() + " is not " + noun + " (expected: " + expected + ")";
    }

    private static String display(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
