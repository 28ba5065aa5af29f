package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;

/** {@code POST /initialize}: runs the initializer once per process; 200 with no body when it succeeded. */
final class InitHandler extends CallHandler {
    private final FunctionHost host;

    InitHandler(LogWriter log, FunctionHost host) {
        super(log, "Initialize");
        this.host = host;
    }

    @Override
    Reply call(HttpExchange exchange, String requestId, byte[] event) throws Exception {
        host.initialize(exchange.getRequestHeaders(), requestId);
        return Replies.result(new byte[0]);
    }
}
