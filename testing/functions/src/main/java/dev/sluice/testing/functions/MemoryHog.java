package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes the number of megabytes in the event, half on the heap and half off it, and keeps them: past the container's
 * memory limit the kernel's OOM killer ends the container (the JVM's own heap limit alone would only throw).
 */
public class MemoryHog implements StreamRequestHandler {
    private static final int CHUNK = 4 * 1024 * 1024;
    private static final List<Object> KEPT = new ArrayList<>();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        int megabytes = Integer.parseInt(new String(input.readAllBytes(), StandardCharsets.UTF_8).strip());
        for (int taken = 0; taken < megabytes; taken += 8) {
            byte[] heap = new byte[CHUNK];
            java.util.Arrays.fill(heap, (byte) 1);
            KEPT.add(heap);
            ByteBuffer direct = ByteBuffer.allocateDirect(CHUNK);
            while (direct.hasRemaining()) {
                direct.put((byte) 1);
            }
            KEPT.add(direct);
        }
        output.write(("kept " + megabytes + " MB").getBytes(StandardCharsets.UTF_8));
    }
}
