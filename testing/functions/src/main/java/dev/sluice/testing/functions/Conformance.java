package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The runtime conformance function, written alike for every runtime (see testing/nodejs/conformance): the event
 * is a command. {@code init} answers how many times the initializer ran; {@code fail} throws; {@code context}
 * answers what the context says; {@code sleep:N} sleeps N ms and answers its start and end (epoch ms); {@code
 * bytes:N} answers N bytes of {@code x}; anything else is echoed byte for byte.
 */
public class Conformance implements StreamRequestHandler, FunctionInitializer {
    private static final AtomicInteger INITIALIZED = new AtomicInteger();

    @Override
    public void initialize(Context context) {
        INITIALIZED.incrementAndGet();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        String command = event.length > 64 ? "" : new String(event, StandardCharsets.UTF_8);
        String reply;
        if (command.equals("init")) {
            reply = Integer.toString(INITIALIZED.get());
        } else if (command.equals("fail")) {
            throw new IllegalStateException("asked to fail");
        } else if (command.equals("context")) {
            reply = "{\"requestId\":\"" + context.getRequestId() + "\",\"function\":\""
                    + context.getFunctionParam().getFunctionName() + "\",\"memory\":\""
                    + context.getFunctionParam().getMemoryLimitInMB() + "\"}";
        } else if (command.equals("trace")) {
            reply = context.getTracing().getSpanContext();
        } else if (command.startsWith("sleep:")) {
            long start = System.currentTimeMillis();
            try {
                Thread.sleep(Long.parseLong(command.substring("sleep:".length())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reply = start + "," + System.currentTimeMillis();
        } else if (command.startsWith("bytes:")) {
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) 'x');
            for (long left = Long.parseLong(command.substring("bytes:".length())); left > 0; left -= piece.length) {
                output.write(piece, 0, (int) Math.min(left, piece.length));
            }
            return;
        } else {
            output.write(event);
            return;
        }
        output.write(reply.getBytes(StandardCharsets.UTF_8));
    }
}
