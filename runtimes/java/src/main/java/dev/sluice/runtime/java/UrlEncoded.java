package dev.sluice.runtime.java;

import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses {@code application/x-www-form-urlencoded} text: a query string or a form body. */
final class UrlEncoded {
    private UrlEncoded() {}

    /**
     * Adds the parameters of {@code text} to {@code into}, in order, values after any already there. A pair without
     * {@code =} has the empty value; empty pairs ({@code a=1&&b=2}) are skipped. A malformed escape ({@code 100%})
     * leaves that part undecoded rather than failing the request: a handler sees what the client sent.
     */
    static void parse(@Nullable String text, Charset charset, Map<String, List<String>> into) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals), charset);
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1), charset);
            List<String> values = into.get(name);
            if (values == null) {
                values = new ArrayList<>(1);
                into.put(name, values);
            }
            values.add(value);
        }
    }

    private static String decode(String text, Charset charset) {
        try {
            return URLDecoder.decode(text, charset);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
