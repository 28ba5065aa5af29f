package dev.sluice.config.function;

import dev.sluice.config.source.YamlScalar;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the value formats of {@code functions.yml} from scalars; each method returns null when the text is not in
 * its format. Numbers too large for a long saturate, so that range checks reject them rather than wrap.
 *
 * <p>A number may be written plain ({@code 10}) or quoted ({@code "10"}); either way it is the same value.
 */
final class Values {

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)(Mi|Gi)?");
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%?");

    /** Beyond every range here, in any unit; keeps unit conversions from overflowing. */
    private static final long CAP = 1_000_000_000L;

    private Values() {}

    /** Returns a whole number: {@code 10}, {@code "10"}, {@code -1}. */
    static @Nullable Long whole(YamlScalar scalar) {
        if (scalar.kind() == YamlScalar.Kind.INTEGER) {
            return scalar.longValue();
        }
        return scalar.isString() && WHOLE.matcher(scalar.text()).matches() ? saturated(scalar.text()) : null;
    }

    /** Returns a number, whole or not: {@code 0.5}, {@code 2}, {@code "0.5"}. */
    static @Nullable Double decimal(YamlScalar scalar) {
        Number number = scalar.number();
        if (number != null) {
            return number.doubleValue();
        }
        return scalar.isString() && DECIMAL.matcher(scalar.text()).matches() ? Double.parseDouble(scalar.text()) : null;
    }

    /** Returns a duration: {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or a whole number of seconds. */
    static @Nullable Duration duration(YamlScalar scalar) {
        if (scalar.kind() == YamlScalar.Kind.INTEGER) {
            return Duration.ofSeconds(cap(scalar.longValue()));
        }
        Matcher m = DURATION.matcher(scalar.text());
        if (!scalar.isString() || !m.matches()) {
            return null;
        }
        long amount = cap(saturated(m.group(1)));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofSeconds(amount);
        };
    }

    /** Returns a size in MB: {@code 256Mi}, {@code 1Gi}, or a whole number of MB. */
    static @Nullable Long megabytes(YamlScalar scalar) {
        if (scalar.kind() == YamlScalar.Kind.INTEGER) {
            return scalar.longValue();
        }
        Matcher m = SIZE.matcher(scalar.text());
        if (!scalar.isString() || !m.matches()) {
            return null;
        }
        long amount = cap(saturated(m.group(1)));
        return "Gi".equals(m.group(2)) ? amount * 1024 : amount;
    }

    /** Returns a percentage: {@code 80%} or {@code 80}. */
    static @Nullable Long percent(YamlScalar scalar) {
        if (scalar.kind() == YamlScalar.Kind.INTEGER) {
            return scalar.longValue();
        }
        Matcher m = PERCENT.matcher(scalar.text());
        return scalar.isString() && m.matches() ? saturated(m.group(1)) : null;
    }

    private static long saturated(String digits) {
        BigInteger value = new BigInteger(digits);
        if (value.bitLength() > 63) {
            return value.signum() > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return value.longValue();
    }

    private static long cap(long value) {
        return Math.max(-CAP, Math.min(CAP, value));
    }
}
