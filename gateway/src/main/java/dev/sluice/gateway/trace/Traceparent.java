package dev.sluice.gateway.trace;

import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A W3C Trace Context {@code traceparent}: {@code 00-<trace id, 32 hex>-<parent id, 16 hex>-<flags, 2 hex>}. The
 * gateway takes the caller's, or starts a trace when there is none (or it is malformed), and passes on a child: the
 * same trace, the gateway's own span as parent.
 */
public final class Traceparent {
    /** The header's name, on requests and as FC runtimes read it. */
    public static final String HEADER = "traceparent";

    private static final int LENGTH = 55;

    private Traceparent() {}

    /** Returns the traceparent to send on for a call that came with {@code incoming} (or none). */
    public static String childOf(@Nullable String incoming) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        String span = hex16(random.nextLong() | 1L); // never all zero
        if (incoming != null && isValid(incoming)) {
            return "00-" + incoming.substring(3, 35) + "-" + span + "-" + incoming.substring(53, 55);
        }
        return "00-" + hex16(random.nextLong()) + hex16(random.nextLong() | 1L) + "-" + span + "-01";
    }

    /** Returns the trace id of a valid {@code traceparent}. */
    public static String traceId(String traceparent) {
        return traceparent.substring(3, 35);
    }

    /** Returns whether {@code value} is a version-00 traceparent with ids that are not all zero. */
    static boolean isValid(String value) {
        if (value.length() != LENGTH
                || !value.startsWith("00-")
                || value.charAt(35) != '-'
                || value.charAt(52) != '-') {
            return false;
        }
        return isHex(value, 3, 35)
                && isHex(value, 36, 52)
                && isHex(value, 53, 55)
                && !isZero(value, 3, 35)
                && !isZero(value, 36, 52);
    }

    private static boolean isHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            if (value.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    private static String hex16(long value) {
        String hex = Long.toHexString(value);
        return "0000000000000000".substring(hex.length()) + hex;
    }
}
