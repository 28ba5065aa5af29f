package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes {@code event: <event>} to the container log through the context's logger, then answers with the event. */
public class LogsEvent implements StreamRequestHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        context.getLogger().info("event: " + new String(event, StandardCharsets.UTF_8));
        output.write(event);
    }
}
