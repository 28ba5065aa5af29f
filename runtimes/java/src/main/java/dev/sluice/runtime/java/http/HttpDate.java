package dev.sluice.runtime.java.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * HTTP dates ({@code Sun, 06 Nov 1994 08:49:37 GMT}, RFC 9110's IMF-fixdate): the server's {@code Date} header, and
 * the servlet API's date headers.
 */
public final class HttpDate {
    /** DateTimeFormatter.RFC_1123_DATE_TIME would print single-digit days unpadded. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    /** The {@code Date} header of this second: formatted once a second rather than per reply. */
    private static volatile Stamp last = new Stamp(Long.MIN_VALUE, "");

    private record Stamp(long second, String text) {}

    private HttpDate() {}

    /** Formats milliseconds since the epoch as an HTTP date. */
    public static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    static String now() {
        long second = System.currentTimeMillis() / 1000;
        Stamp stamp = last;
        if (stamp.second() != second) {
            stamp = new Stamp(second, format(second * 1000));
            last = stamp;
        }
        return stamp.text();
    }
}
