package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Sleeps for the number of milliseconds in the event, then answers "slept N ms". */
public class Sleep implements StreamRequestHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long millis = Long.parseLong(new String(input.readAllBytes(), StandardCharsets.UTF_8).strip());
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        output.write(("slept " + millis + " ms").getBytes(StandardCharsets.UTF_8));
    }
}
