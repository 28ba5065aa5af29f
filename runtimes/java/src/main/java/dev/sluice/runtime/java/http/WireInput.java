package dev.sluice.runtime.java.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * A connection's bytes as they arrive, buffered: one read from the socket usually brings a whole request, head and
 * body, which the head parser and the body streams then take from memory. Not a {@code BufferedInputStream}: its
 * methods synchronize on every byte the head parser reads, and the connection has one reader.
 */
final class WireInput {
    private final InputStream socket;
    private final byte[] buffer;
    private int position;
    private int limit;

    WireInput(InputStream socket, int bufferSize) {
        this.socket = socket;
        this.buffer = new byte[bufferSize];
    }

    /**
     * Returns the next line without its CRLF (or bare LF) as ISO-8859-1 text, or null at the end of the stream
     * before any byte of it. A line longer than {@code maxLength} fails with a {@link RefusedRequest} (431).
     */
    @Nullable
    String line(int maxLength) throws IOException {
        StringBuilder longLine = null;
        while (true) {
            if (position == limit && fill() < 0) {
                if (longLine == null) {
                    return null;
                }
                throw new EOFException("the connection ended inside a line");
            }
            int start = position;
            int end = start;
            while (end < limit && buffer[end] != '\n') {
                end++;
            }
            int taken = end - start + (longLine == null ? 0 : longLine.length());
            if (taken > maxLength) {
                throw new RefusedRequest(431, "a line of the request head is longer than " + maxLength + " bytes");
            }
            if (end < limit) {
                position = end + 1;
                String piece = new String(buffer, start, end - start, StandardCharsets.ISO_8859_1);
                String line = longLine == null ? piece : longLine.append(piece).toString();
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
            // The line goes on past what has arrived: keep this piece and read on.
            if (longLine == null) {
                longLine = new StringBuilder();
            }
            longLine.append(new String(buffer, start, end - start, StandardCharsets.ISO_8859_1));
            position = limit;
        }
    }

    /** Reads up to {@code length} bytes into {@code target}; -1 at the end of the stream. */
    int read(byte[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (position == limit) {
            // A large read goes straight to the caller's array rather than through the buffer.
            if (length >= buffer.length) {
                return socket.read(target, offset, length);
            }
            if (fill() < 0) {
                return -1;
            }
        }
        int count = Math.min(length, limit - position);
        System.arraycopy(buffer, position, target, offset, count);
        position += count;
        return count;
    }

    /** Reads one byte, -1 at the end of the stream. */
    int read() throws IOException {
        if (position == limit && fill() < 0) {
            return -1;
        }
        return buffer[position++] & 0xff;
    }

    private int fill() throws IOException {
        int count = socket.read(buffer, 0, buffer.length);
        position = 0;
        limit = Math.max(count, 0);
        return count;
    }
}
