package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.HttpRequestHandler;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Calls a {@code handleRequest(HttpServletRequest, HttpServletResponse, Context)}-shaped method: the handler of an
 * HTTP-trigger function, as {@link HttpRequestHandler} declares it. Immutable and thread-safe.
 */
final class HttpInvoker {
    private final @Nullable Object target;
    private final Method method;
    /** The target as the fc-java-core interface when the method is its {@code handleRequest}: no reflection then. */
    private final @Nullable HttpRequestHandler direct;

    HttpInvoker(@Nullable Object target, Method method) {
        this.target = target;
        this.method = method;
        this.direct =
                target instanceof HttpRequestHandler handler && method.getName().equals("handleRequest")
                        ? handler
                        : null;
    }

    // The adapters' own types, not the servlet interfaces: a caller passing them as interfaces would make the JVM
    // load the servlet API when verifying the caller, and the callers load at startup, HTTP function or not.
    void invoke(TriggerRequest request, TriggerResponse response, Context context) throws Exception {
        if (direct != null) {
            direct.handleRequest(request, response, context);
        } else {
            method.invoke(target, request, response, context);
        }
    }
}
