package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An initializer that always throws, the way one does when its database is unreachable. */
public class FailingInit implements StreamRequestHandler, FunctionInitializer {
    @Override
    public void initialize(Context context) throws IOException {
        throw new IOException("cannot reach the database at db:9092");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        output.write("the handler must never run".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
