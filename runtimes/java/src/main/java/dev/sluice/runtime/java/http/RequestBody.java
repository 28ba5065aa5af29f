package dev.sluice.runtime.java.http;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * One request's body as the handler reads it: {@code Content-Length} bytes, or chunks (RFC 9112 §7.1) decoded, and
 * then the end, never the next request's bytes. Closing it leaves the rest unread; the connection skips what is
 * left before it reads the next request.
 */
abstract class RequestBody extends InputStream {
    final WireInput in;

    RequestBody(WireInput in) {
        this.in = in;
    }

    static RequestBody of(RequestHead head, WireInput in) {
        return head.chunked() ? new Chunked(in) : new Fixed(in, Math.max(head.contentLength(), 0));
    }

    @Override
    public abstract int read(byte[] target, int offset, int length) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Reads and drops what the handler left, up to {@code limit} bytes; returns whether the body ended within it, so
     * that the connection can carry another request.
     */
    final boolean skipRest(long limit) throws IOException {
        byte[] scratch = new byte[8192];
        long skipped = 0;
        while (skipped <= limit) {
            int count = read(scratch, 0, scratch.length);
            if (count < 0) {
                return true;
            }
            skipped += count;
        }
        return false;
    }

    /** A body of a known length. */
    private static final class Fixed extends RequestBody {
        private long remaining;

        Fixed(WireInput in, long length) {
            super(in);
            this.remaining = length;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (remaining == 0) {
                return -1;
            }
            int count = in.read(target, offset, (int) Math.min(length, remaining));
            if (count < 0) {
                throw new EOFException("the connection ended " + remaining + " bytes before the end of the body");
            }
            remaining -= count;
            return count;
        }

        @Override
        public int available() {
            return (int) Math.min(remaining, Integer.MAX_VALUE);
        }
    }

    /** A chunked body; chunk extensions and trailer fields are read and dropped. */
    private static final class Chunked extends RequestBody {
        private long chunkLeft;
        private boolean ended;

        Chunked(WireInput in) {
            super(in);
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (chunkLeft == 0) {
                chunkLeft = nextChunkSize();
                if (chunkLeft == 0) {
                    skipTrailers();
                    ended = true;
                    return -1;
                }
            }
            int count = in.read(target, offset, (int) Math.min(length, chunkLeft));
            if (count < 0) {
                throw new EOFException("the connection ended inside a chunk of the body");
            }
            chunkLeft -= count;
            if (chunkLeft == 0) {
                String end = in.line(2);
                if (end == null || !end.isEmpty()) {
                    throw new RefusedRequest(400, "a chunk of the body does not end with CRLF");
                }
            }
            return count;
        }

        private long nextChunkSize() throws IOException {
            String line = in.line(RequestHead.MAX_LINE);
            if (line == null) {
                throw new EOFException("the connection ended before the last chunk of the body");
            }
            int semicolon = line.indexOf(';');
            String size = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
            try {
                long parsed = size.length() > 15 || size.startsWith("+") ? -1 : Long.parseLong(size, 16);
                if (parsed >= 0) {
                    return parsed;
                }
            } catch (NumberFormatException e) {
                // refused below
            }
            throw new RefusedRequest(400, "not a chunk size: \"" + size + "\"");
        }

        private void skipTrailers() throws IOException {
            for (String line = in.line(RequestHead.MAX_LINE); ; line = in.line(RequestHead.MAX_LINE)) {
                if (line == null) {
                    throw new EOFException("the connection ended inside the body's trailer");
                }
                if (line.isEmpty()) {
                    return;
                }
            }
        }
    }
}
