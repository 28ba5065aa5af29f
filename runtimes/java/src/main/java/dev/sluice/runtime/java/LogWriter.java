package dev.sluice.runtime.java;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Writes the runtime's log lines (the {@code FC Invoke Start RequestId: ...} markers and function logger output).
 *
 * <p>It is the only class that prints. Stdout is a pipe to the engine's log copier, which wakes up for every write:
 * with a write per line, copying a call's two markers cost the engine more CPU than the call. So output is held and
 * leaves in one write when a call ends ({@link #endLine}, before the reply: whoever got the reply can already find
 * the end marker), or {@link #LINGER_MILLIS} after it was written if no call ends before (a long call's start
 * marker, what a function prints between calls).
 */
@SuppressForbidden(reason = "the container's stdout is the runtime's log channel")
final class LogWriter {
    static final long LINGER_MILLIS = 20;

    private final PrintStream out;

    LogWriter(PrintStream out) {
        this.out = out;
    }

    /**
     * Returns a writer on the process's stdout, and makes {@code System.out} that same UTF-8 stream. Java 17 would
     * otherwise encode stdout in the container's locale (often ASCII in a scratch image), and sharing one stream
     * keeps function {@code println}s and runtime lines from interleaving mid-line. What is held is written when the
     * process exits.
     */
    static LogWriter stdout() {
        ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sluice-log");
            thread.setDaemon(true);
            return thread;
        });
        PrintStream utf8 = held(new FileOutputStream(FileDescriptor.out), flush -> {
            // Nothing to check on the future: a flush cannot fail (the print stream keeps its errors).
            var unused = flusher.schedule(flush, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
        System.setOut(utf8);
        Runtime.getRuntime().addShutdownHook(new Thread(utf8::flush, "sluice-log-exit"));
        return new LogWriter(utf8);
    }

    /**
     * Returns a UTF-8 stream on {@code sink} that holds what is written to it: the first write after a flush hands
     * {@code later} a flush to run a moment later.
     */
    static PrintStream held(OutputStream sink, Consumer<Runnable> later) {
        Held held = new Held(new BufferedOutputStream(sink, 1 << 16), later);
        PrintStream stream = new PrintStream(held, false, StandardCharsets.UTF_8);
        // Through the print stream, which locks itself: a flush never lands in the middle of a println.
        held.flushVia(stream);
        return stream;
    }

    /** Writes one line; it leaves with the end of a call, or a moment later. */
    void line(String text) {
        // PrintStream locks itself for the whole println, so concurrent requests never split a line.
        out.println(text);
    }

    /** Writes the line that ends a call, and with it everything held. */
    void endLine(String text) {
        out.println(text);
        out.flush();
    }

    /** Passes writes on to a buffer and makes sure someone flushes it soon after the first one. */
    private static final class Held extends OutputStream {
        private final OutputStream buffer;
        private final Consumer<Runnable> later;
        private final AtomicBoolean flushDue = new AtomicBoolean();
        private Runnable flush = () -> {};

        Held(OutputStream buffer, Consumer<Runnable> later) {
            this.buffer = buffer;
            this.later = later;
        }

        void flushVia(PrintStream stream) {
            this.flush = stream::flush;
        }

        @Override
        public void write(int b) throws IOException {
            buffer.write(b);
            flushSoon();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            buffer.write(bytes, offset, length);
            flushSoon();
        }

        @Override
        public void flush() throws IOException {
            flushDue.set(false);
            buffer.flush();
        }

        private void flushSoon() {
            if (flushDue.compareAndSet(false, true)) {
                later.accept(() -> {
                    if (flushDue.get()) {
                        flush.run(); // a closed log pipe costs the logs, not the process: PrintStream keeps errors
                    }
                });
            }
        }

        @Override
        public void close() throws IOException {
            buffer.close();
        }
    }
}
