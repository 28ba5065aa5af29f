package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Sends each request to the handler for its exact path. One root context rather than one context per path, because
 * the JDK server matches contexts by prefix and {@code /invokeX} must not reach the invoke handler.
 */
final class Router implements HttpHandler {
    private final HttpHandler invoke;
    private final HttpHandler initialize;
    private final HttpHandler preStop;
    private final HttpHandler preFreeze;
    private final HttpHandler specialize;

    Router(LogWriter log, FunctionHost host) {
        this.invoke = new InvokeHandler(log, host);
        this.initialize = new InitHandler(log, host);
        this.preStop = new LifecycleHandler(log, host, LifecycleHook.PRE_STOP);
        this.preFreeze = new LifecycleHandler(log, host, LifecycleHook.PRE_FREEZE);
        this.specialize = new SpecializeHandler(log);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            switch (path) {
                case "/invoke" -> invoke.handle(exchange);
                case "/initialize" -> initialize.handle(exchange);
                case "/pre-stop" -> preStop.handle(exchange);
                case "/pre-freeze" -> preFreeze.handle(exchange);
                case "/specialize" -> specialize.handle(exchange);
                default -> unknownPath(exchange, path);
            }
        }
    }

    private static void unknownPath(HttpExchange exchange, String path) throws IOException {
        exchange.getRequestBody().readAllBytes(); // drain it, so the keep-alive connection stays usable
        String controlPath = exchange.getRequestHeaders().getFirst("x-fc-control-path");
        String message = "/http-invoke".equals(controlPath)
                ? "unknown path " + path + ": HTTP-trigger calls (x-fc-control-path: /http-invoke) are not supported"
                        + " by the Java runtime (expected: POST /invoke)"
                : "unknown path " + path + " (expected: /invoke, /initialize, /pre-stop, /pre-freeze or /specialize)";
        Replies.protocolError(exchange, 404, message);
    }
}
