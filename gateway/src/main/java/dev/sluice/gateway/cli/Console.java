package dev.sluice.gateway.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/** The only class that prints: user-facing lines to stdout, problems to stderr. */
@SuppressForbidden
public final class Console {
    private final PrintStream out;
    private final PrintStream err;

    public Console(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Returns the console of this process. */
    public static Console system() {
        return new Console(System.out, System.err);
    }

    /** Prints a line for the user. */
    public void say(String line) {
        out.println(line);
        out.flush();
    }

    /** Prints {@code text} as it is, with no line break added: a terminal's control codes, a partial line. */
    public void write(String text) {
        out.print(text);
        out.flush();
    }

    /** Prints {@code bytes} unchanged, e.g. a function's result, which need not be text. */
    public void write(byte[] bytes) {
        out.write(bytes, 0, bytes.length);
        out.flush();
    }

    /** Returns a writer to stdout, for picocli's help. */
    public PrintWriter outWriter() {
        return writer(out);
    }

    /** Returns a writer to stderr, for picocli's usage errors. */
    public PrintWriter errWriter() {
        return writer(err);
    }

    private static PrintWriter writer(PrintStream stream) {
        // The console's own encoding, which is what the terminal expects.
        return new PrintWriter(new OutputStreamWriter(stream, Charset.defaultCharset()), true);
    }

    /** Prints a problem. */
    public void problem(String line) {
        err.println(line);
        err.flush();
    }
}
