package dev.sluice.runtime.java;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reply to an HTTP-trigger call: the status, headers and body the function set, taken when it returned.
 *
 * <p>Two kinds of header set by the function are not sent. Framing ({@code Content-Length},
 * {@code Transfer-Encoding}) is the server's: it sends the body's real length, which a stale declared one must not
 * contradict. And {@code x-fc-*} is the platform's reserved prefix: a function's own {@code x-fc-status} would make
 * the platform report a function error, and its {@code x-fc-request-id} would hide the call's real one.
 */
final class HttpReply implements Reply {
    private final int status;
    private final Map<String, List<String>> headers;
    private final @Nullable String contentType;
    private final byte[] body;

    HttpReply(int status, Map<String, List<String>> headers, @Nullable String contentType, byte[] body) {
        this.status = status;
        this.headers = copy(headers);
        this.contentType = contentType;
        this.body = body;
    }

    @Override
    public void send(HttpExchange exchange) throws IOException {
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        Headers out = exchange.getResponseHeaders();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (isSent(header.getKey(), head)) {
                out.put(header.getKey(), header.getValue());
            }
        }
        if (contentType != null) {
            out.set("Content-Type", contentType);
        }
        // No body for HEAD, 204 and 304, as HTTP requires; the JDK server needs -1 then (it warns otherwise).
        boolean bodyless = head || status == 204 || status == 304 || body.length == 0;
        exchange.sendResponseHeaders(status, bodyless ? -1 : body.length);
        if (!bodyless) {
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(body);
            }
        }
    }

    int status() {
        return status;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    @Nullable
    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body.clone();
    }

    /** A HEAD reply may declare the length a GET would have had; any other's length is the body's. */
    private static boolean isSent(String name, boolean head) {
        return !name.startsWith("x-fc-")
                && !name.equals("transfer-encoding")
                && (head || !name.equals("content-length"));
    }

    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            copy.put(header.getKey(), new ArrayList<>(header.getValue()));
        }
        return copy;
    }
}
