package dev.sluice.config.function;

import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code env}: variable names ({@code [A-Za-z_][A-Za-z0-9_]*}) to scalar values, kept as written ({@code
 * yes} stays {@code yes}, {@code 0x1F} stays {@code 0x1F}), or to {@code { secret: NAME }}: a value the platform
 * generates once and keeps in its state directory, so that no secret is written in the document. Names starting
 * with {@code FC_} are reserved for the platform, which sets {@code FC_FUNCTION_NAME}, {@code FC_SERVER_PORT} and
 * the like.
 */
final class EnvReader {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Secret names become file names in the state directory. */
    static final Pattern SECRET = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private static final String SECRET_HINT = "{ secret: NAME }, NAME of lower-case letters, digits, _ . or -";

    /**
     * The variables of one function or service.
     *
     * @param variables names to values, in document order
     * @param secrets names to the platform secret each one takes its value from, in document order
     */
    record Env(Map<String, String> variables, Map<String, String> secrets) {}

    private static final String RESERVED_PREFIX = "FC_";

    private EnvReader() {}

    /** Returns the variables in document order; empty if {@code env} is absent or has problems (reported). */
    static Env read(Section function) {
        Section env = function.child("env", "a map", "NAME: value pairs, e.g. { GREETING: Hello }");
        Map<String, String> variables = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        if (env == null) {
            return new Env(variables, secrets);
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
            } else if (value instanceof YamlMap) {
                String secret = secret(env, name);
                if (secret != null) {
                    secrets.put(name, secret);
                }
            } else {
                env.report(
                        value,
                        name,
                        Section.notA(
                                value, "a value", "a string, number or boolean; \"\" if empty; or " + SECRET_HINT));
            }
        }
        return new Env(variables, secrets);
    }

    private static @Nullable String secret(Section env, String name) {
        Section reference = env.child(name, "a secret reference", SECRET_HINT);
        if (reference == null || !reference.allowOnly(List.of("secret"))) {
            return null;
        }
        String secret = reference.requiredString("secret", "a secret name", SECRET_HINT);
        YamlNode node = reference.node("secret");
        if (secret != null && node != null && !SECRET.matcher(secret).matches()) {
            reference.report(node, "secret", Section.notA(node, "a secret name", SECRET_HINT));
            return null;
        }
        return secret;
    }
}
