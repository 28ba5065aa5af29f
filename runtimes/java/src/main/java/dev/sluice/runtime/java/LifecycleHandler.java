package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;

/** {@code GET /pre-stop} and {@code GET /pre-freeze}: runs the hook if the function has one, else answers 200. */
final class LifecycleHandler extends CallHandler {
    private final FunctionHost host;
    private final LifecycleHook hook;

    LifecycleHandler(LogWriter log, FunctionHost host, LifecycleHook hook) {
        super(log, hook.logName());
        this.host = host;
        this.hook = hook;
    }

    @Override
    Reply call(HttpExchange exchange, String requestId, byte[] event) throws Exception {
        host.lifecycle(exchange.getRequestHeaders(), requestId, hook);
        return Replies.result(new byte[0]);
    }
}
