package dev.sluice.runtime.java.http;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A connection's outgoing bytes, held until the response is complete or the buffer is full, so that a reply's head
 * and a small body leave in one write: one system call, one segment, one wake-up of the reader at the other end.
 */
final class ResponseOutput {
    private final OutputStream socket;
    private final byte[] buffer;
    private int count;

    ResponseOutput(OutputStream socket, int bufferSize) {
        this.socket = socket;
        this.buffer = new byte[bufferSize];
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        if (length > buffer.length - count) {
            send();
            if (length >= buffer.length) {
                socket.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, count, length);
        count += length;
    }

    /** Sends whatever is held. */
    void send() throws IOException {
        if (count > 0) {
            socket.write(buffer, 0, count);
            count = 0;
        }
    }
}
