package dev.sluice.gateway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command reads from and writes to besides its arguments: the console, the environment variables, the user's
 * home directory and standard input. Commands take them from here rather than from {@link System}, so that a test can
 * run them in-process with its own.
 *
 * @param console where output goes
 * @param env the environment variables
 * @param userHome the user's home directory, for the default {@code SLUICE_HOME}
 * @param stdin standard input
 * @param stdinIsTerminal whether standard input is a terminal (a person typing), not a pipe or a file
 * @param stdoutIsTerminal whether standard output is a terminal (a person reading), not a pipe or a file
 */
record Surroundings(
        Console console,
        Map<String, String> env,
        Path userHome,
        InputStream stdin,
        boolean stdinIsTerminal,
        boolean stdoutIsTerminal) {

    /** Returns this process's own. */
    @SuppressWarnings("SystemConsoleNull") // null is the answer this asks for: not both ends on a terminal
    static Surroundings system() {
        boolean both = System.console() != null;
        return new Surroundings(
                Console.system(),
                System.getenv(),
                Path.of(System.getProperty("user.home")),
                System.in,
                both || isTerminal(Path.of("/proc/self/fd/0")),
                both || isTerminal(Path.of("/proc/self/fd/1")));
    }

    /**
     * Returns whether the file descriptor link {@code fd} points at a terminal device. {@code System.console()} is
     * null as soon as one end is redirected ({@code sluice invoke hello | jq}), though the other may still be the
     * terminal. Where there is no {@code /proc} (not Linux), the answer is no.
     */
    private static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }
}
