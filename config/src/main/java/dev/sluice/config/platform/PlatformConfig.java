package dev.sluice.config.platform;

import static java.util.Objects.requireNonNull;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where the gateway listens and where Sluice keeps its state.
 *
 * <p>{@link #fromEnvironment} reads:
 *
 * <ul>
 *   <li>{@code SLUICE_HOST}: the address to bind, default {@value #DEFAULT_HOST} (local only, on purpose);
 *   <li>{@code SLUICE_PORT}: the port, 0..65535 (0 picks a free port), default {@value #DEFAULT_PORT};
 *   <li>{@code SLUICE_HOME}: the state directory (deployments, service volumes, admin token), default {@code
 *       ~/.sluice}. A leading {@code ~/} is expanded; a relative path is taken from the working directory.
 * </ul>
 *
 * Variables that are unset or blank take their default.
 *
 * @param host the address the gateway binds
 * @param port the gateway's port, 0..65535
 * @param home the state directory, absolute and normalized
 */
public record PlatformConfig(String host, int port, Path home) {

    /** The address bound by default: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    /** The port used by default. */
    public static final int DEFAULT_PORT = 8080;

    /** Checks the components and normalizes {@code home}. */
    public PlatformConfig {
        requireNonNull(host, "host");
        requireNonNull(home, "home");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host: \"" + host + "\" (expected: not blank)");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
        }
        if (!home.isAbsolute()) {
            throw new IllegalArgumentException("home: " + home + " (expected: an absolute path)");
        }
        home = home.normalize();
    }

    /**
     * Returns the configuration described by {@code env} (usually {@code System.getenv()}).
     *
     * @param env environment variables
     * @param userHome the user's home directory, for the default {@code SLUICE_HOME} and {@code ~/} expansion
     * @throws IllegalArgumentException if {@code SLUICE_PORT} is not a port or {@code SLUICE_HOME} not a path, with a
     *     message naming the variable and its value
     */
    public static PlatformConfig fromEnvironment(Map<String, String> env, Path userHome) {
        String host = value(env, "SLUICE_HOST");
        String port = value(env, "SLUICE_PORT");
        String home = value(env, "SLUICE_HOME");
        return new PlatformConfig(
                host == null ? DEFAULT_HOST : host,
                port == null ? DEFAULT_PORT : port(port),
                home == null ? userHome.toAbsolutePath().resolve(".sluice") : home(home, userHome));
    }

    private static @Nullable String value(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static int port(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new IllegalArgumentException("SLUICE_PORT: \"" + text + "\" is not a port (expected: 0..65535)");
    }

    private static Path home(String text, Path userHome) {
        try {
            if (text.equals("~") || text.startsWith("~/")) {
                return userHome.toAbsolutePath().resolve(text.substring(Math.min(2, text.length())));
            }
            return Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(
                    "SLUICE_HOME: \"" + text + "\" is not a path (" + e.getReason() + ")", e);
        }
    }
}
