package dev.sluice.runtime.java;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;

/** The servlet streams over an HTTP-trigger call's bodies, both held in memory. */
final class ServletStreams {
    private ServletStreams() {}

    /** The request body: read in full before the call, so it is always ready and never blocks. */
    static final class Input extends ServletInputStream {
        private final ByteArrayInputStream body;

        Input(byte[] body) {
            this.body = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return body.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return body.read(buffer, offset, length);
        }

        @Override
        public int available() {
            return body.available();
        }

        @Override
        public long skip(long n) {
            return body.skip(n);
        }

        @Override
        public boolean isFinished() {
            return body.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw TriggerRequestBase.unsupported("ServletInputStream.setReadListener", "non-blocking I/O");
        }
    }

    /** The response body's stream: writes go to the response's buffer, sent after the handler returned. */
    static final class Output extends ServletOutputStream {
        private final Buffer body;

        Output(Buffer body) {
            this.body = body;
        }

        @Override
        public void write(int b) {
            body.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            body.write(bytes, offset, length);
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            throw TriggerRequestBase.unsupported("ServletOutputStream.setWriteListener", "non-blocking I/O");
        }
    }

    /**
     * The response body. After {@code sendError} or {@code sendRedirect} it is closed: the spec says the response
     * must not be written to then, and a container discards such writes rather than failing the handler.
     */
    static final class Buffer extends ByteArrayOutputStream {
        private boolean closed; // guarded by this, like ByteArrayOutputStream's own state

        @Override
        public synchronized void write(int b) {
            if (!closed) {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            if (!closed) {
                super.write(bytes, offset, length);
            }
        }

        /** Replaces the content with {@code bytes} and discards every later write. */
        synchronized void closeWith(byte[] bytes) {
            reset();
            super.write(bytes, 0, bytes.length);
            closed = true;
        }
    }
}
