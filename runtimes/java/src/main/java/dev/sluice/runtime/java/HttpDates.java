package dev.sluice.runtime.java;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** HTTP dates read by the date-header methods; {@link HttpDate} writes them. */
final class HttpDates {
    private HttpDates() {}

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
