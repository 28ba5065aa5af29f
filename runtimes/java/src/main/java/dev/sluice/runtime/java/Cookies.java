package dev.sluice.runtime.java;

import java.util.ArrayList;
import java.util.List;
import javax.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

/** Reads the request's {@code Cookie} headers and writes the response's {@code Set-Cookie} headers (RFC 6265). */
final class Cookies {
    private Cookies() {}

    /**
     * Returns the cookies of the request's {@code Cookie} header values ({@code a=1; b="2"}), or null when there are
     * none, as {@code getCookies} specifies. A pair the servlet {@link Cookie} refuses (no name, a name with
     * separators, a reserved name like {@code Path} or {@code $Version}) is skipped rather than failing the request.
     */
    static Cookie @Nullable [] parse(List<String> headerValues) {
        List<Cookie> cookies = new ArrayList<>();
        for (String header : headerValues) {
            for (String pair : header.split(";", -1)) {
                int equals = pair.indexOf('=');
                if (equals <= 0) {
                    continue;
                }
                String name = pair.substring(0, equals).trim();
                String value = HttpText.unquote(pair.substring(equals + 1).trim());
                try {
                    cookies.add(new Cookie(name, value));
                } catch (IllegalArgumentException ignored) {
                    // a name the servlet API cannot represent: skipped, like containers skip it
                }
            }
        }
        return cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
    }

    /**
     * Returns the {@code Set-Cookie} value for {@code cookie}: {@code name=value} and the attributes that are set,
     * {@code Max-Age} (when not negative: negative means a session cookie), {@code Domain}, {@code Path},
     * {@code Secure} and {@code HttpOnly}. Comment and version are not in RFC 6265 and are left out.
     *
     * @throws IllegalArgumentException if the value or an attribute holds characters a header cannot carry; URL-encode
     *     such values
     */
    static String format(Cookie cookie) {
        String value = cookie.getValue() == null ? "" : cookie.getValue();
        checkValue(cookie.getName(), value);
        StringBuilder header = new StringBuilder(cookie.getName()).append('=').append(value);
        if (cookie.getMaxAge() >= 0) {
            header.append("; Max-Age=").append(cookie.getMaxAge());
        }
        appendAttribute(header, cookie.getName(), "Domain", cookie.getDomain());
        appendAttribute(header, cookie.getName(), "Path", cookie.getPath());
        if (cookie.getSecure()) {
            header.append("; Secure");
        }
        if (cookie.isHttpOnly()) {
            header.append("; HttpOnly");
        }
        return header.toString();
    }

    private static void appendAttribute(StringBuilder header, String name, String attribute, @Nullable String value) {
        if (value == null || value.isEmpty()) {
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f || c == ';') {
                throw new IllegalArgumentException("cookie " + name + ": its " + attribute + " \"" + value
                        + "\" contains a character a Set-Cookie header cannot carry");
            }
        }
        header.append("; ").append(attribute).append('=').append(value);
    }

    /** RFC 6265's cookie-value: cookie-octets, optionally inside one pair of double quotes. */
    private static void checkValue(String name, String value) {
        String octets = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
        for (int i = 0; i < octets.length(); i++) {
            char c = octets.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == ',' || c == ';' || c == '\\') {
                String shown = c > 0x20 && c < 0x7f ? "'" + c + "'" : "character 0x" + Integer.toHexString(c);
                throw new IllegalArgumentException("cookie " + name + ": its value contains " + shown
                        + ", which a Set-Cookie header cannot carry (RFC 6265); URL-encode the value");
            }
        }
    }
}
