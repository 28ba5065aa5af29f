package dev.sluice.gateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.scheduler.api.Endpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An instance of a function played in-process, for the gateway's tests without containers: a server on a free port
 * of 127.0.0.1 that answers each call the way the test set for its function (which the gateway names in {@code
 * x-fc-function-name}), and records every request it gets.
 *
 * <p>Served by the JDK's {@code com.sun.net.httpserver}, as the Java runtime is, which forbidden-apis counts as
 * non-portable: it is in every JDK this project builds with. Each exchange has its own thread, so that a call held
 * without an answer does not hold up the others.
 */
@SuppressForbidden
public final class FakeInstance implements AutoCloseable {
    /** How the instance answers the calls of one function. */
    public enum Reply {
        /**
         * The request's body back, with the status asked for in {@link #ANSWER_STATUS} (200 without it) and {@link
         * #ECHO_OF} naming the method and URI it got.
         */
        ECHO,
        /** No answer until the instance is closed. */
        HOLD,
        /** The connection closed after the request is read, with no answer: the instance died mid-request. */
        CRASH,
        /** A 200 announcing 1000 bytes, 10 of them, then the connection closed: the instance died mid-answer. */
        CRASH_MID_ANSWER
    }

    /** The request header whose value is the status {@link Reply#ECHO} answers with. */
    public static final String ANSWER_STATUS = "x-answer-status";
    /** The response header in which {@link Reply#ECHO} names the method and URI it got. */
    public static final String ECHO_OF = "x-echo-of";

    /** One request as the instance got it. */
    public static final class Received {
        private final String method;
        private final String uri;
        private final Map<String, List<String>> headers;
        private final byte[] body;

        Received(String method, String uri, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.uri = uri;
            this.headers = headers;
            this.body = body;
        }

        public String method() {
            return method;
        }

        /** Returns the path and query, as sent. */
        public String uri() {
            return uri;
        }

        /** Returns the first value of header {@code name} (any case), or "" when it is absent. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? "" : values.get(0);
        }

        public byte[] body() {
            return body.clone();
        }
    }

    /** Every request, in the order the instance got them. */
    public final List<Received> received = new CopyOnWriteArrayList<>();

    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "fake-instance");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpServer server;

    private FakeInstance() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** Starts an instance on a free port. */
    public static FakeInstance start() throws IOException {
        return new FakeInstance();
    }

    /** Answers the calls of {@code function} with {@code reply}. */
    public FakeInstance reply(String function, Reply reply) {
        replies.put(function, reply);
        return this;
    }

    /** Returns where a lease on this instance points. */
    public Endpoint endpoint() {
        int port = server.getAddress().getPort();
        return new Endpoint("127.0.0.1", port, null, port);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(exchange.getRequestHeaders());
        String uri = exchange.getRequestURI().toString();
        Received request = new Received(exchange.getRequestMethod(), uri, headers, body);
        received.add(request);
        Reply reply = replies.getOrDefault(request.header("x-fc-function-name"), Reply.ECHO);
        switch (reply) {
            case ECHO -> echo(exchange, request);
            case HOLD -> {
                closed.join();
                exchange.close();
            }
                // An exception out of a handler makes the JDK's server close the connection without a word.
            case CRASH -> throw new IOException("instance crashed");
            case CRASH_MID_ANSWER -> {
                exchange.sendResponseHeaders(200, 1000);
                OutputStream out = exchange.getResponseBody();
                out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                throw new IOException("instance crashed mid-answer");
            }
        }
    }

    private static void echo(HttpExchange exchange, Received request) throws IOException {
        String status = request.header(ANSWER_STATUS);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set(ECHO_OF, request.method() + " " + request.uri());
        // The JDK's server takes 0 for a chunked body and -1 for none.
        int length = request.body().length;
        exchange.sendResponseHeaders(status.isEmpty() ? 200 : Integer.parseInt(status), length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(request.body());
        }
    }

    /** Stops the server; calls held without an answer end with their connection closed. */
    @Override
    public void close() {
        closed.complete(null);
        server.stop(0);
        threads.shutdownNow();
    }
}
