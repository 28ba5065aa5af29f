package dev.sluice.runtime.java;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the runtime's log lines (the {@code FC Invoke Start RequestId: ...} markers and function logger output).
 *
 * <p>It is the only class that prints. Every line is flushed at once because the platform and its tests read
 * container logs while the function is still running.
 */
@SuppressForbidden(reason = "the container's stdout is the runtime's log channel")
final class LogWriter {
    private final PrintStream out;

    LogWriter(PrintStream out) {
        this.out = out;
    }

    /**
     * Returns a writer on the process's stdout, and makes {@code System.out} that same UTF-8 stream. Java 17 would
     * otherwise encode stdout in the container's locale (often ASCII in a scratch image), and sharing one stream
     * keeps function {@code println}s and runtime lines from interleaving mid-line.
     */
    static LogWriter stdout() {
        PrintStream utf8 = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(utf8);
        return new LogWriter(utf8);
    }

    /** Writes one line and flushes it. */
    void line(String text) {
        // PrintStream locks itself for the whole println, so concurrent requests never split a line.
        out.println(text);
        out.flush();
    }
}
