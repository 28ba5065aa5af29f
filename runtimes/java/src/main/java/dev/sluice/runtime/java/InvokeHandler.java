package dev.sluice.runtime.java;

import com.sun.net.httpserver.Headers;

/** {@code POST /invoke}: the body is the event, the response body the handler's result. */
final class InvokeHandler extends CallHandler {
    private final FunctionHost host;

    InvokeHandler(LogWriter log, FunctionHost host) {
        super(log, "Invoke");
        this.host = host;
    }

    @Override
    byte[] call(Headers headers, String requestId, byte[] event) throws Exception {
        return host.invoke(headers, requestId, event);
    }
}
