package dev.sluice.config.function;

import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code env}: variable names ({@code [A-Za-z_][A-Za-z0-9_]*}) to scalar values, kept as written ({@code
 * yes} stays {@code yes}, {@code 0x1F} stays {@code 0x1F}). Names starting with {@code FC_} are reserved for the
 * platform, which sets {@code FC_FUNCTION_NAME}, {@code FC_SERVER_PORT} and the like.
 */
final class EnvReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String RESERVED_PREFIX = "FC_";

    private EnvReader() {}

    /** Returns the variables in document order; empty if {@code env} is absent or has problems (reported). */
    static Map<String, String> read(Section function) {
        Section env = function.child("env", "a map", "NAME: value pairs, e.g. { GREETING: Hello }");
        Map<String, String> variables = new LinkedHashMap<>();
        if (env == null) {
            return variables;
        }
        for (YamlMap.Entry entry : env.map().entries()) {
            String name = entry.name();
            YamlScalar key = entry.key();
            if (!NAME.matcher(name).matches()) {
                env.problems()
                        .report(
                                key,
                                env.path(),
                                key.describe() + " is not a variable name (expected: letters,"
                                        + " digits and _, not starting with a digit)");
            } else if (name.startsWith(RESERVED_PREFIX)) {
                env.problems()
                        .report(
                                key,
                                env.path(),
                                key.describe() + " is reserved for the platform (expected: a"
                                        + " name not starting with " + RESERVED_PREFIX + ")");
            }
            YamlNode value = entry.value();
            if (value instanceof YamlScalar scalar && !scalar.isNull()) {
                variables.put(name, scalar.text());
            } else {
                env.report(value, name, Section.notA(value, "a value", "a string, number or boolean; \"\" if empty"));
            }
        }
        return variables;
    }
}
