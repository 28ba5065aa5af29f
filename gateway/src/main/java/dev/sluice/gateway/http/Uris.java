package dev.sluice.gateway.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads request URIs on the request path, where a regular expression per call would cost more than the call. */
public final class Uris {
    private Uris() {}

    /** Returns {@code uri} without its query and fragment. */
    public static String path(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                return uri.substring(0, i);
            }
        }
        return uri;
    }

    /** Returns the first value of query parameter {@code name} in {@code uri}, decoded, or null when it has none. */
    public static @Nullable String queryParameter(String uri, String name) {
        if (uri.indexOf('?') < 0) {
            return null; // most calls: nothing to decode
        }
        List<String> values = new QueryStringDecoder(uri).parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /**
     * Returns the qualifier of an FC 2.0 service segment ({@code service.qualifier}, e.g. {@code todo.prod}), or null
     * when it names none: FC's service names hold no dot.
     */
    public static @Nullable String serviceQualifier(String service) {
        int dot = service.indexOf('.');
        return dot < 0 || dot == service.length() - 1 ? null : service.substring(dot + 1);
    }
}
