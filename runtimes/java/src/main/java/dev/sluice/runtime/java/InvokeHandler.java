package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;

/** {@code POST /invoke}: the body is the event, the response body the handler's result. */
final class InvokeHandler extends CallHandler {
    private final FunctionHost host;

    InvokeHandler(LogWriter log, FunctionHost host) {
        super(log, "Invoke");
        this.host = host;
    }

    @Override
    Reply call(HttpExchange exchange, String requestId, byte[] event) throws Exception {
        return Replies.result(host.invoke(exchange.getRequestHeaders(), requestId, event));
    }
}
