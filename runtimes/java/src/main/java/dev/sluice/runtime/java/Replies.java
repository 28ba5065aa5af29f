package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the runtime's three kinds of response: a result, a function error and a protocol error. */
final class Replies {
    static final String JSON = "application/json; charset=utf-8";
    static final String OCTETS = "application/octet-stream";

    private Replies() {}

    /** Returns the reply of a platform call: 200 with {@code body} as octets (the platform reads only the body). */
    static Reply result(byte[] body) {
        return new Result(body);
    }

    /** Sends {@code body} with {@code status}; an empty body is sent as no body at all. */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /**
     * Returns a function error: status 404 and {@code x-fc-status: 404}, which is how the platform tells a failed
     * function from a successful result that happens to be an error-looking document.
     */
    static Reply functionError(String errorBody) {
        return new FunctionError(errorBody);
    }

    /** Sends a protocol error (the caller broke the protocol, the function did nothing): no {@code x-fc-status}. */
    static void protocolError(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, JSON, JsonText.errorMessage(message).getBytes(StandardCharsets.UTF_8));
    }

    private static final class Result implements Reply {
        private final byte[] body;

        Result(byte[] body) {
            this.body = body;
        }

        @Override
        public void send(HttpExchange exchange) throws IOException {
            Replies.send(exchange, 200, OCTETS, body);
        }
    }

    private static final class FunctionError implements Reply {
        private final String body;

        FunctionError(String body) {
            this.body = body;
        }

        @Override
        public void send(HttpExchange exchange) throws IOException {
            exchange.getResponseHeaders().set("x-fc-status", "404");
            Replies.send(exchange, 404, JSON, body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
