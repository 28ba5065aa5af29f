package dev.sluice.runtime.java;

import org.jspecify.annotations.Nullable;

/**
 * A function's handler method, found once per container: shaped for events ({@code /invoke}), for HTTP triggers
 * ({@code /http-invoke}), or, for a class that implements both interfaces, both. A call of the other kind gets an
 * error that says which shape the handler has and which the call needs.
 */
final class ResolvedHandler {
    static final String EVENT_SHAPES = "(InputStream, OutputStream, Context) or (T, Context)";
    static final String HTTP_SHAPE = "(HttpServletRequest, HttpServletResponse, Context)";

    private final String name;
    private final @Nullable Invoker events;
    private final @Nullable HttpInvoker http;

    ResolvedHandler(String name, @Nullable Invoker events, @Nullable HttpInvoker http) {
        this.name = name;
        this.events = events;
        this.http = http;
    }

    /** Returns the invoker for event calls, or throws if the handler is shaped for HTTP triggers only. */
    Invoker events() throws NoSuchMethodException {
        if (events == null) {
            throw new NoSuchMethodException("handler " + name + " is shaped " + HTTP_SHAPE + ", for HTTP triggers;"
                    + " an event call (POST /invoke) needs " + EVENT_SHAPES);
        }
        return events;
    }

    /** Returns the invoker for HTTP-trigger calls, or throws if the handler is shaped for events only. */
    HttpInvoker http() throws NoSuchMethodException {
        if (http == null) {
            throw new NoSuchMethodException("handler " + name + " is shaped " + EVENT_SHAPES + ", for events;"
                    + " an HTTP-trigger call (x-fc-control-path: /http-invoke) needs " + HTTP_SHAPE
                    + ", as com.aliyun.fc.runtime.HttpRequestHandler declares");
        }
        return http;
    }
}
