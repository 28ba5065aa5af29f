package example.hello;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Greets whoever the event names. The initializer prepares the greeting once per instance, the way real functions
 * open connection pools; a handler that ran before it would have nothing to greet with.
 */
public class HelloHandler implements StreamRequestHandler, FunctionInitializer {
    private volatile String greeting;
    private volatile Instant initializedAt;

    @Override
    public void initialize(Context context) throws IOException {
        String configured = System.getenv("GREETING");
        greeting = configured == null || configured.isEmpty() ? "Hello" : configured;
        initializedAt = Instant.now();
        context.getLogger().info("initialized with greeting \"" + greeting + "\"");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        if (greeting == null) {
            throw new IllegalStateException("handler ran before the initializer");
        }
        String name = new String(input.readAllBytes(), StandardCharsets.UTF_8).strip();
        String reply = greeting + ", " + (name.isEmpty() ? "world" : name) + "! (instance initialized at "
                + initializedAt + ")\n";
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
