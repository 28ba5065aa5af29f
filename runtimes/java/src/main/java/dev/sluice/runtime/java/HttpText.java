package dev.sluice.runtime.java;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Small rules of HTTP header text that the servlet adapters share. */
final class HttpText {
    /** RFC 9110's separators: characters a token (a header or cookie name) may not contain. */
    private static final String SEPARATORS = "()<>@,;:\\\"/[]?={} \t";

    private HttpText() {}

    /** Returns the media type of a {@code Content-Type} value without its parameters, e.g. {@code text/plain}. */
    static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }

    /** Returns the {@code charset} parameter of a {@code Content-Type} value, unquoted, or null if it has none. */
    static @Nullable String charset(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";", -1);
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String value = unquote(parameter.substring(8).trim());
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }

    /** Returns {@code contentType} without its {@code charset} parameter (other parameters are kept). */
    static String withoutCharset(String contentType) {
        String[] parts = contentType.split(";", -1);
        StringBuilder kept = new StringBuilder(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (!parameter.isEmpty() && !parameter.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                kept.append(';').append(parameter);
            }
        }
        return kept.toString();
    }

    /** Removes one pair of surrounding double quotes. */
    static String unquote(String value) {
        return value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"'
                ? value.substring(1, value.length() - 1)
                : value;
    }

    /** Returns true if {@code text} is a non-empty RFC 9110 token: visible ASCII without separators. */
    static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= 0x20 || c >= 0x7f || SEPARATORS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Throws if a response header set by the function could not be sent as is: checked when it is set, so the
     * mistake becomes that call's function error instead of a broken connection after the call (a CR or LF in a
     * value would also let a value smuggle in headers of its own).
     */
    static void checkHeader(String name, String value) {
        if (!isToken(name)) {
            throw new IllegalArgumentException("invalid response header name \"" + name + "\"");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                throw new IllegalArgumentException("response header " + name
                        + ": the value contains control character 0x" + Integer.toHexString(c));
            }
        }
    }
}
