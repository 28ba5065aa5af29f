package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/**
 * Sends each request to the handler for its exact path ({@code /invokeX} does not reach the invoke handler).
 *
 * <p>HTTP-trigger calls come first: they carry the client's own method and path, which may be anything (even
 * {@code /invoke}), so only their {@code x-fc-control-path: /http-invoke} header tells them apart.
 */
final class Router implements HttpHandler {
    private static final String HTTP_INVOKE = "/http-invoke";

    private final HttpHandler invoke;
    private final HttpHandler httpInvoke;
    private final HttpHandler initialize;
    private final HttpHandler preStop;
    private final HttpHandler preFreeze;
    private final HttpHandler specialize;

    Router(LogWriter log, FunctionHost host) {
        this.invoke = new InvokeHandler(log, host);
        this.httpInvoke = new HttpInvokeHandler(log, host);
        this.initialize = new InitHandler(log, host);
        this.preStop = new LifecycleHandler(log, host, LifecycleHook.PRE_STOP);
        this.preFreeze = new LifecycleHandler(log, host, LifecycleHook.PRE_FREEZE);
        this.specialize = new SpecializeHandler(log);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (HTTP_INVOKE.equals(exchange.getRequestHeaders().getFirst("x-fc-control-path"))) {
                httpInvoke.handle(exchange);
                return;
            }
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
        String message = "unknown path " + path + " (expected: /invoke, /initialize, /pre-stop, /pre-freeze or"
                + " /specialize; an HTTP-trigger call may have any path but carries x-fc-control-path: /http-invoke)";
        Replies.protocolError(exchange, 404, message);
    }
}
