package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An initializer that takes far longer than any initialization timeout the tests give it. */
public class SlowInit implements StreamRequestHandler, FunctionInitializer {
    @Override
    public void initialize(Context context) throws IOException {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("the handler must never run".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
