package dev.sluice.gateway.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code sluice} in this JVM with its own environment and stdin, and keeps what it printed. */
final class CommandRun {
    final int status;
    final String out;
    final String err;

    private CommandRun(int status, String out, String err) {
        this.status = status;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code args} with {@code env} as the only environment variables and {@code home} as the user's home. */
    static CommandRun of(Map<String, String> env, Path home, String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Console console = new Console(
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Surroundings surroundings = new Surroundings(
                console,
                env,
                home,
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                stdin.isEmpty(),
                false);
        int status = Main.execute(surroundings, args);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} in an empty environment, with no stdin (as from a terminal). */
    static CommandRun of(Path home, String... args) {
        return of(Map.of(), home, "", args);
    }

    @Override
    public String toString() {
        return "exit " + status + "\nstdout:\n" + out + "stderr:\n" + err;
    }
}
