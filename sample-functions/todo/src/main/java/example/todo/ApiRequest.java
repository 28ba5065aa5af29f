package example.todo;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the function sees it, free of the servlet API: method, path (without the query), query
 * parameters, headers (names in lower case; repeated headers joined) and the whole body.
 */
final class ApiRequest {
    private final String method;
    private final String path;
    private final Map<String, List<String>> query;
    private final Map<String, String> headers;
    private final byte[] body;

    ApiRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {
        this.method = method.toUpperCase(Locale.ROOT);
        this.path = path;
        this.query = Map.copyOf(query);
        Map<String, String> lowerCased = new LinkedHashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        this.headers = lowerCased;
        this.body = body.clone();
    }

    /**
     * Returns a request for {@code target}, a path with an optional query ({@code /api/rule?current=1}), with no
     * headers and no body; for tests and for callers that build requests by hand.
     */
    static ApiRequest of(String method, String target) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        return new ApiRequest(method, path, UrlEncoded.parse(query), Map.of(), new byte[0]);
    }

    /** Returns a copy with header {@code name} set to {@code value}. */
    ApiRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name.toLowerCase(Locale.ROOT), value);
        return new ApiRequest(method, path, query, copy, body);
    }

    /** Returns a copy with {@code text} as the body, in UTF-8, and {@code contentType} as its type. */
    ApiRequest withBody(String contentType, String text) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put("content-type", contentType);
        return new ApiRequest(method, path, query, copy, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Upper case, e.g. {@code GET}. */
    String method() {
        return method;
    }

    /** The path without the query, e.g. {@code /api/rule}. */
    String path() {
        return path;
    }

    /**
     * True if the path is {@code route} or ends with it after a {@code /}, so that the function also answers under
     * a prefix such as {@code /todo/api/rule}; a trailing slash is ignored.
     */
    boolean isPath(String route) {
        String trimmed = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.endsWith(route);
    }

    /** Returns the first value of query parameter {@code name}, or null if absent. */
    @Nullable
    String queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Returns header {@code name} (any case), or null if absent. */
    @Nullable
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Returns the value of cookie {@code name} from the Cookie header, or null if not sent. */
    @Nullable
    String cookie(String name) {
        String cookies = header("cookie");
        if (cookies == null) {
            return null;
        }
        for (String pair : cookies.split(";", -1)) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).strip().equals(name)) {
                return unquote(pair.substring(equals + 1).strip());
            }
        }
        return null;
    }

    /** The body's bytes; empty when there was none. */
    byte[] body() {
        return body.clone();
    }

    /** True if the body is a form ({@code application/x-www-form-urlencoded}) rather than JSON. */
    boolean hasFormBody() {
        String type = header("content-type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
