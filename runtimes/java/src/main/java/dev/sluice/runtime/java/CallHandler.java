package dev.sluice.runtime.java;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shape every protocol call shares: read the event, log {@code FC <Kind> Start/End RequestId: <id>} around the
 * call, and answer with the call's {@link Reply} or a function error. Nothing the function does can escape as an exception,
 * so one failing call never takes the server down.
 */
abstract class CallHandler implements HttpHandler {
    private final LogWriter log;
    /** The word in the log markers: {@code Invoke}, {@code Initialize}, ... */
    private final String kind;

    CallHandler(LogWriter log, String kind) {
        this.log = log;
        this.kind = kind;
    }

    /** Does the call's work and returns what to answer; nothing is sent until it has returned. */
    abstract Reply call(HttpExchange exchange, String requestId, byte[] event) throws Exception;

    @Override
    @SuppressWarnings("checkstyle:IllegalCatch") // function code may throw any Error; it must become a reply
    public final void handle(HttpExchange exchange) throws IOException {
        byte[] event;
        try (InputStream in = exchange.getRequestBody()) {
            event = in.readAllBytes();
        }
        Headers headers = exchange.getRequestHeaders();
        String requestId = requestId(headers);
        exchange.getResponseHeaders().set("x-fc-request-id", requestId);
        log.line("FC " + kind + " Start RequestId: " + requestId);
        Reply reply;
        try {
            reply = call(exchange, requestId, event);
        } catch (Throwable failure) {
            Throwable error = ErrorBody.unwrap(failure);
            log.line(Instant.now() + " " + requestId + " [ERROR] "
                    + error.getClass().getName() + ": " + ErrorBody.message(error));
            reply = Replies.functionError(ErrorBody.of(error));
        }
        // Logged before the reply is sent, so whoever got the reply can already find the End line in the log.
        log.endLine("FC " + kind + " End RequestId: " + requestId);
        reply.send(exchange);
    }

    /** The platform's request id, or a made-up one so that log lines never say {@code null}. */
    private static String requestId(Headers headers) {
        String id = RuntimeConfig.nonBlank(headers.getFirst("x-fc-request-id"));
        return id != null
                ? id
                : "local-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }
}
