package dev.sluice.runtime.java;

import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the container's environment says about the function, read once at startup.
 *
 * <p>Handler and initializer may be absent: a pre-started ("stem cell") container learns them from the
 * {@code x-fc-function-handler} / {@code x-fc-function-initializer} headers of its first call instead.
 *
 * @param port the port to listen on; 0 picks a free one (tests)
 * @param handler {@code FC_FUNCTION_HANDLER}, or null when the first call must name it
 * @param initializer {@code FC_FUNCTION_INITIALIZER}, or null
 * @param codePath {@code FC_FUNC_CODE_PATH}: a directory of classes and jars, or one jar/zip
 * @param env the whole environment, for the per-call fallbacks (service name, region, credentials)
 */
record RuntimeConfig(
        int port, @Nullable String handler, @Nullable String initializer, Path codePath, Map<String, String> env) {

    static final int DEFAULT_PORT = 9000;
    static final String DEFAULT_CODE_PATH = "/code";

    RuntimeConfig {
        env = Map.copyOf(env);
    }

    /** Reads the configuration from environment variables, failing on a port that is not a number. */
    static RuntimeConfig fromEnv(Map<String, String> env) {
        String codePath = nonBlank(env.get("FC_FUNC_CODE_PATH"));
        return new RuntimeConfig(
                port(env),
                nonBlank(env.get("FC_FUNCTION_HANDLER")),
                nonBlank(env.get("FC_FUNCTION_INITIALIZER")),
                Path.of(codePath == null ? DEFAULT_CODE_PATH : codePath),
                env);
    }

    /** Returns the non-blank value of an environment variable, or null. */
    @Nullable
    String env(String name) {
        return nonBlank(env.get(name));
    }

    private static int port(Map<String, String> env) {
        // FC_SERVER_PORT is what older FC images and most community code read; newer docs name the other one.
        for (String name : new String[] {"FC_SERVER_PORT", "FC_CUSTOM_LISTEN_PORT"}) {
            String value = nonBlank(env.get(name));
            if (value != null) {
                return parsePort(name, value);
            }
        }
        return DEFAULT_PORT;
    }

    private static int parsePort(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // falls through to the message below, which names the variable
        }
        throw new IllegalArgumentException(name + ": " + value + " (expected: a port number 0-65535)");
    }

    static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
