package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * How a {@code custom} runtime function's own server starts: {@code command} with {@code args}, or, when no command
 * is given, {@code /code/bootstrap} (FC's rule), listening on {@code 0.0.0.0:port}.
 *
 * @param command the program and its first words, e.g. {@code [node]}; empty for {@code /code/bootstrap}
 * @param args what follows, e.g. {@code [server.js]}
 * @param port the port the server listens on (FC's default 9000)
 */
public record CustomRuntime(List<String> command, List<String> args, int port) {
    /** FC's start command when none is configured. */
    public static final String BOOTSTRAP = "/code/bootstrap";

    /** Checks the components. */
    public CustomRuntime {
        command = List.copyOf(requireNonNull(command, "command"));
        args = List.copyOf(requireNonNull(args, "args"));
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
        }
    }

    /** Returns the program the container starts with: the command, or {@link #BOOTSTRAP}. */
    public List<String> entrypoint() {
        return command.isEmpty() ? List.of(BOOTSTRAP) : command;
    }
}
