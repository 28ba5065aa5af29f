package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts initializations and invocations in this instance, and answers with both counts. */
public class InitCounter implements StreamRequestHandler, FunctionInitializer {
    private static final AtomicInteger INITIALIZED = new AtomicInteger();
    private static final AtomicInteger INVOKED = new AtomicInteger();

    @Override
    public void initialize(Context context) {
        INITIALIZED.incrementAndGet();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int invocation = INVOKED.incrementAndGet();
        String reply = "initialized " + INITIALIZED.get() + " time(s) before invocation " + invocation;
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
