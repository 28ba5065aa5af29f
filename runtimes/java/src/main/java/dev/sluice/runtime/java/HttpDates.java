package dev.sluice.runtime.java;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * HTTP dates ({@code Sun, 06 Nov 1994 08:49:37 GMT}) for the date-header methods. A class of its own so that the
 * formatter is built only when a function uses a date header, not on every cold start.
 */
final class HttpDates {
    /** RFC 9110's IMF-fixdate; DateTimeFormatter.RFC_1123_DATE_TIME would print single-digit days unpadded. */
    private static final DateTimeFormatter IMF_FIXDATE = DateTimeFormatter.ofPattern(
                    "EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private HttpDates() {}

    /** Formats milliseconds since the epoch as an HTTP date. */
    static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Parses an HTTP date to milliseconds since the epoch.
     *
     * @throws IllegalArgumentException if it is not an RFC 1123 date, as {@code getDateHeader} specifies
     */
    static long parse(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an HTTP date (RFC 1123): " + value, e);
        }
    }
}
