package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Calls a {@code handleRequest(InputStream, OutputStream, Context)}-shaped method. The output is buffered, not
 * streamed: a handler that throws half-way must still produce a clean function error, not half a result.
 */
final class StreamInvoker implements Invoker {
    private final @Nullable Object target;
    private final Method method;
    /** The target as the fc-java-core interface when the method is its {@code handleRequest}: no reflection then. */
    private final @Nullable StreamRequestHandler direct;

    StreamInvoker(@Nullable Object target, Method method) {
        this.target = target;
        this.method = method;
        this.direct = target instanceof StreamRequestHandler handler
                        && method.getName().equals("handleRequest")
                ? handler
                : null;
    }

    @Override
    public byte[] invoke(byte[] event, Context context) throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(event);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (direct != null) {
            direct.handleRequest(in, out, context);
        } else {
            method.invoke(target, in, out, context);
        }
        return out.toByteArray();
    }
}
