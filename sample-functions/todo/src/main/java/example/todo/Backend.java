package example.todo;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;

/**
 * What both handlers' initializers set up from the environment: the database (schema created) and the token keys.
 *
 * <ul>
 *   <li>{@code DB_URL}: JDBC URL of the shared database, e.g. {@code jdbc:h2:tcp://todo-db:9092/todo};
 *   <li>{@code DB_USER}, {@code DB_PASSWORD}: optional, {@code sa} and empty by default, as H2 sets up;
 *   <li>{@code JWT_SECRET}: base64 of at least 32 random bytes, the HS256 key.
 * </ul>
 *
 * @param database open, with its schema in place
 */
record Backend(Database database, Tokens tokens) implements AutoCloseable {
    /**
     * Returns the backend {@code env} describes, having reached the database.
     *
     * @throws IOException naming the setting or the URL and the cause, if a setting is missing or invalid or the
     *     database cannot be reached; an initializer must fail rather than report a success it has not had
     */
    static Backend open(Map<String, String> env, Clock clock) throws IOException {
        Tokens tokens = tokens(env, clock);
        String url = required(env, "DB_URL", "a JDBC URL such as jdbc:h2:tcp://todo-db:9092/todo");
        String user = env.getOrDefault("DB_USER", "sa");
        String password = env.getOrDefault("DB_PASSWORD", "");
        try {
            return new Backend(Database.open(url, user, password), tokens);
        } catch (SQLException e) {
            throw new IOException("cannot reach the database at " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        database.close();
    }

    private static Tokens tokens(Map<String, String> env, Clock clock) throws IOException {
        String secret =
                required(env, "JWT_SECRET", "base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`");
        try {
            return Tokens.fromBase64(secret, clock);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> env, String name, String expected) throws IOException {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IOException(name + " is not set (expected: " + expected + ")");
        }
        return value.strip();
    }
}
