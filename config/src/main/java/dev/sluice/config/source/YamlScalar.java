package dev.sluice.config.source;

import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import org.jspecify.annotations.Nullable;

/**
 * A single YAML value: a string, number, boolean or nothing.
 *
 * <p>{@code text} is the value as written for plain scalars ({@code yes}, {@code 0x1F}, {@code 1_000}), so that it
 * can be echoed back exactly, and the unquoted content for quoted ones.
 *
 * @param kind how YAML resolved the value
 * @param text the text of the value; empty for an empty value
 * @param number the numeric value when {@code kind} is {@link Kind#INTEGER} or {@link Kind#DECIMAL}, else null
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record YamlScalar(Kind kind, String text, @Nullable Number number, int line, int column) implements YamlNode {

    /** Longest value echoed in full in a message; longer values are cut with an ellipsis. */
    private static final int ECHO_LIMIT = 60;

    /** How YAML resolved a scalar. */
    public enum Kind {
        /** Any string, quoted or plain. */
        STRING,
        /** A whole number, e.g. {@code 10} or {@code 0x1F}. */
        INTEGER,
        /** A number with a fraction or exponent, e.g. {@code 0.5}. */
        DECIMAL,
        /** {@code true}, {@code false} and YAML 1.1 spellings like {@code yes} and {@code off}. */
        BOOLEAN,
        /** {@code null}, {@code ~}, or nothing at all after the colon. */
        NULL
    }

    /** Checks the components. */
    public YamlScalar {
        requireNonNull(kind, "kind");
        requireNonNull(text, "text");
        boolean numeric = kind == Kind.INTEGER || kind == Kind.DECIMAL;
        if (numeric != (number != null)) {
            throw new IllegalArgumentException("number: " + number + " (expected: set only for " + kind + ")");
        }
    }

    /** Returns a string scalar, as used for keys. */
    public static YamlScalar string(String text, int line, int column) {
        return new YamlScalar(Kind.STRING, text, null, line, column);
    }

    /** Returns whether this is a string. */
    public boolean isString() {
        return kind == Kind.STRING;
    }

    /** Returns whether this is an integer or a decimal. */
    public boolean isNumber() {
        return number != null;
    }

    /** Returns whether this is an empty value ({@code null}, {@code ~} or nothing). */
    public boolean isNull() {
        return kind == Kind.NULL;
    }

    /**
     * Returns the value of an integer scalar as a long, saturated at {@link Long#MIN_VALUE} and {@link Long#MAX_VALUE}
     * for integers that do not fit, so that range checks still reject them.
     *
     * @throws IllegalStateException if this is not an integer
     */
    public long longValue() {
        if (kind != Kind.INTEGER || number == null) {
            throw new IllegalStateException("kind: " + kind + " (expected: INTEGER)");
        }
        if (number instanceof BigInteger big && big.bitLength() > 63) {
            return big.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return number.longValue();
    }

    @Override
    public String describe() {
        return switch (kind) {
            case STRING -> quote(text);
            case NULL -> "no value";
            default -> text;
        };
    }

    private static String quote(String text) {
        String shown = text.length() > ECHO_LIMIT ? text.substring(0, ECHO_LIMIT) + "…" : text;
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
