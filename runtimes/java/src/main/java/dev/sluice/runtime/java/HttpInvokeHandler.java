package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;

/**
 * An HTTP-trigger call: any method and path, marked by {@code x-fc-control-path: /http-invoke}. The client's request
 * reaches the handler as an {@code HttpServletRequest}; the status, headers and body it sets on the
 * {@code HttpServletResponse} are the reply. Logged and failed like {@code /invoke}: {@code FC Invoke Start/End}
 * markers, and a function error (404, {@code x-fc-status: 404}) instead of anything the handler set if it throws.
 */
final class HttpInvokeHandler extends CallHandler {
    private final FunctionHost host;

    HttpInvokeHandler(LogWriter log, FunctionHost host) {
        super(log, "Invoke");
        this.host = host;
    }

    @Override
    Reply call(HttpExchange exchange, String requestId, byte[] body) throws Exception {
        TriggerResponse response = new TriggerResponse();
        host.httpInvoke(exchange.getRequestHeaders(), requestId, TriggerRequest.of(exchange, body), response);
        return response.finish();
    }
}
