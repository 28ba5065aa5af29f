package dev.sluice.gateway.cli;

import java.io.PrintStream;

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

    /** Prints a problem. */
    public void problem(String line) {
        err.println(line);
        err.flush();
    }
}
