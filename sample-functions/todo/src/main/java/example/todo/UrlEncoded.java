package example.todo;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Parses {@code application/x-www-form-urlencoded} text: a query string or a form body. */
final class UrlEncoded {
    private UrlEncoded() {}

    /**
     * Returns each name's values in the order given; {@code a&a=} gives {@code a -> ["", ""]}. Text that is not valid
     * percent-encoding is an {@link IllegalArgumentException}.
     */
    static Map<String, List<String>> parse(@Nullable String text) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) {
            return values;
        }
        for (String pair : text.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, unused -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
