package dev.sluice.runtime.java;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The runtime with no platform in front of it, as in an image exported for Knative ({@code SLUICE_STANDALONE=http}
 * or {@code event}): nobody calls {@code POST /initialize} and requests arrive as their clients sent them.
 *
 * <ol>
 *   <li>The initializer runs before the port opens, bounded by {@code FC_INITIALIZATION_TIMEOUT}, so an open port
 *       (what Knative probes) means an initialized instance. A failed or late initializer ends the process with
 *       status 1: the port never opens and the container never becomes ready.
 *   <li>Every request is a call: an HTTP-trigger call in {@code http} mode; in {@code event} mode, a {@code POST}
 *       to any path whose body is the event (other methods get 405).
 *   <li>The client's {@code x-fc-*} headers are dropped, as the platform drops them: a client may neither choose
 *       the kind of call nor speak for the platform. The function's names and limits come from the environment.
 * </ol>
 */
final class Standalone implements HttpHandler {
    static final String VARIABLE = "SLUICE_STANDALONE";
    /** FC's default initialization timeout, when the environment does not say. */
    static final long DEFAULT_INIT_SECONDS = 3;

    private final LogWriter log;
    /** The handler every request goes to: event calls or HTTP-trigger calls. */
    private final HttpHandler call;

    private final boolean events;

    private Standalone(LogWriter log, HttpHandler call, boolean events) {
        this.log = log;
        this.call = call;
        this.events = events;
    }

    /** Returns the front for the mode {@code SLUICE_STANDALONE} names, or null when it names none. */
    static @Nullable Standalone of(RuntimeConfig config, LogWriter log, FunctionHost host) {
        String mode = config.env(VARIABLE);
        if (mode == null) {
            return null;
        }
        return switch (mode) {
            case "http" -> new Standalone(log, new HttpInvokeHandler(log, host), false);
            case "event" -> new Standalone(log, new InvokeHandler(log, host), true);
            default -> throw new IllegalArgumentException(VARIABLE + ": " + mode + " (expected: http or event)");
        };
    }

    /**
     * Runs the configured initializer, if any, before anything listens.
     *
     * @throws InitializationException when it failed or did not end within {@code FC_INITIALIZATION_TIMEOUT}
     */
    void initialize(RuntimeConfig config, FunctionHost host) throws InitializationException, InterruptedException {
        String initializer = config.initializer();
        if (initializer == null) {
            return;
        }
        String requestId = "init-" + (config.env("HOSTNAME") == null ? "standalone" : config.env("HOSTNAME"));
        long seconds = initSeconds(config);
        log.line("FC Initialize Start RequestId: " + requestId);
        Initializing run = new Initializing(host, requestId);
        Thread thread = new Thread(run, "fc-initializer");
        thread.setDaemon(true); // a hung initializer must not keep the JVM alive once main gives up on it
        thread.start();
        thread.join(seconds * 1000);
        Exception failure = thread.isAlive()
                ? new InitializationException("initializer " + initializer + " did not finish within " + seconds + " s")
                : run.failure;
        if (failure != null) {
            Throwable error = ErrorBody.unwrap(failure);
            log.line(Instant.now() + " " + requestId + " [ERROR] "
                    + error.getClass().getName() + ": " + ErrorBody.message(error));
            log.endLine("FC Initialize End RequestId: " + requestId);
            throw new InitializationException(
                    "initializer " + initializer + " failed: " + ErrorBody.message(error), error);
        }
        log.endLine("FC Initialize End RequestId: " + requestId);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Headers headers = exchange.getRequestHeaders();
            headers.keySet().removeIf(name -> name.toLowerCase(Locale.ROOT).startsWith("x-fc-"));
            if (events && !"POST".equals(exchange.getRequestMethod())) {
                exchange.getRequestBody().readAllBytes(); // drain it, so the keep-alive connection stays usable
                exchange.getResponseHeaders().set("Allow", "POST");
                Replies.protocolError(
                        exchange,
                        405,
                        exchange.getRequestMethod() + " "
                                + exchange.getRequestURI().getPath()
                                + ": this function takes events (expected: POST with the event as the body)");
                return;
            }
            call.handle(exchange);
        }
    }

    private static long initSeconds(RuntimeConfig config) {
        String value = config.env("FC_INITIALIZATION_TIMEOUT");
        if (value == null) {
            return DEFAULT_INIT_SECONDS;
        }
        try {
            return Math.max(1, Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("FC_INITIALIZATION_TIMEOUT: " + value + " (expected: whole seconds)", e);
        }
    }

    /** The initializer's run on its own thread, and how it ended. */
    private static final class Initializing implements Runnable {
        private final FunctionHost host;
        private final String requestId;
        /** Set by the run's thread before it ends; read after {@code join}, which orders the two. */
        private volatile @Nullable Exception failure;

        Initializing(FunctionHost host, String requestId) {
            this.host = host;
            this.requestId = requestId;
        }

        @Override
        @SuppressWarnings("checkstyle:IllegalCatch") // an Error from the initializer fails the start too
        public void run() {
            try {
                host.initialize(new Headers(), requestId);
            } catch (Exception e) {
                failure = e;
            } catch (Error e) {
                failure = new InitializationException(e.toString(), e);
            }
        }
    }
}
