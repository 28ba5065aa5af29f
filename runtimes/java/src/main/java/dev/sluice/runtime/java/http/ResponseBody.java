package dev.sluice.runtime.java.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A response's body as the handler writes it: exactly the length it declared, or chunks when it declared none.
 * Closing it ends the response; a body closed short of its declared length leaves the connection unusable, which
 * {@link #complete()} says.
 */
abstract class ResponseBody extends OutputStream {
    final ResponseOutput out;
    boolean closed;

    ResponseBody(ResponseOutput out) {
        this.out = out;
    }

    /** A body of {@code length} bytes (0 for none). */
    static ResponseBody fixed(ResponseOutput out, long length) {
        return new Fixed(out, length);
    }

    /** A body sent in chunks, its length known only at its end. */
    static ResponseBody chunked(ResponseOutput out) {
        return new Chunked(out);
    }

    /** Whether every byte the head promised was written. */
    abstract boolean complete();

    @Override
    public final void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public final void write(byte[] bytes, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("the response body is already closed");
        }
        writeOpen(bytes, offset, length);
    }

    abstract void writeOpen(byte[] bytes, int offset, int length) throws IOException;

    @Override
    public void flush() throws IOException {
        out.send();
    }

    private static final class Fixed extends ResponseBody {
        private long remaining;

        Fixed(ResponseOutput out, long length) {
            super(out);
            this.remaining = length;
        }

        @Override
        void writeOpen(byte[] bytes, int offset, int length) throws IOException {
            if (length > remaining) {
                throw new IOException("the response body is longer than the Content-Length the handler sent");
            }
            out.write(bytes, offset, length);
            remaining -= length;
        }

        @Override
        boolean complete() {
            return remaining == 0;
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static final class Chunked extends ResponseBody {
        private static final byte[] CRLF = {'\r', '\n'};
        private static final byte[] LAST = {'0', '\r', '\n', '\r', '\n'};

        Chunked(ResponseOutput out) {
            super(out);
        }

        @Override
        void writeOpen(byte[] bytes, int offset, int length) throws IOException {
            if (length == 0) {
                return; // an empty chunk would end the body
            }
            byte[] size = (Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            out.write(size, 0, size.length);
            out.write(bytes, offset, length);
            out.write(CRLF, 0, CRLF.length);
        }

        @Override
        boolean complete() {
            return closed;
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                out.write(LAST, 0, LAST.length);
            }
        }
    }
}
