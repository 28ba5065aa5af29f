package example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * One private in-memory H2 database with the schema, both APIs over it, and a clock the test moves. Passwords use
 * few PBKDF2 rounds, so that tests stay fast.
 */
final class Fixture implements AutoCloseable {
    static final byte[] SECRET_BYTES = bytes(32, 7);
    static final String SECRET = Base64.getEncoder().encodeToString(SECRET_BYTES);
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    final ManualClock clock = new ManualClock(START);
    final String url = "jdbc:h2:mem:todo-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    final Map<String, String> env = Map.of("DB_URL", url, "JWT_SECRET", SECRET);
    final Backend backend;
    final Tokens tokens;
    final TodoApi todos;
    final UserApi users;

    Fixture() throws IOException {
        backend = Backend.open(env, clock);
        tokens = backend.tokens();
        todos = new TodoApi(new TodoStore(backend.database()), tokens, clock);
        users = new UserApi(new UserStore(backend.database()), new Passwords(1_000), tokens, clock);
    }

    /** Returns a valid token for a user called {@code userName}. */
    String token(String userName) {
        return tokens.issue(UUID.randomUUID().toString(), userName);
    }

    /** Returns {@code request} carrying {@code token} in the {@code jwtToken} cookie, as the browser sends it. */
    static ApiRequest withCookie(ApiRequest request, String token) {
        return request.withHeader("Cookie", "theme=dark; jwtToken=" + token);
    }

    /** Returns a JSON request with {@code json} as the body. */
    static ApiRequest json(String method, String target, String json) {
        return ApiRequest.of(method, target).withBody("application/json", json);
    }

    /** Returns {@code text} parsed as JSON; single quotes stand for double quotes, to keep tests readable. */
    static JsonNode parse(String text) {
        try {
            return Json.MAPPER.readTree(text.replace('\'', '"'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns how many rows {@code table} holds, read directly from the database. */
    int rows(String table) throws SQLException {
        return backend.database().call(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** Returns the body of {@code GET /api/rule}. */
    JsonNode listed() {
        return todos.handle(ApiRequest.of("GET", "/api/rule")).body();
    }

    @Override
    public void close() throws SQLException {
        backend.database().call(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.execute("SHUTDOWN");
            }
        });
        backend.close();
    }

    static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (seed * 31 + i);
        }
        return bytes;
    }
}
