package example.todo;

import static example.todo.Fixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The course's initializer swallowed database errors and reported success; these must fail, and say why. */
class InitializerTest {
    private static final String UNREACHABLE = "jdbc:h2:tcp://127.0.0.1:1/nothing";
    private final ManualClock clock = new ManualClock(Fixture.START);

    @Test
    void failsNamingTheUrlWhenTheDatabaseCannotBeReached() {
        Map<String, String> env = Map.of("DB_URL", UNREACHABLE, "JWT_SECRET", Fixture.SECRET);

        assertThatThrownBy(() -> new TodoHandler().start(env, clock))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("cannot reach the database at " + UNREACHABLE + ": ")
                .hasCauseInstanceOf(java.sql.SQLException.class);
        assertThatThrownBy(() -> new UserHandler().start(env, clock, new Passwords(1_000)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(UNREACHABLE);
    }

    @Test
    void failsWhenJwtSecretIsMissingOrShort() {
        String url = memoryUrl();
        String shortSecret = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> new TodoHandler().start(Map.of("DB_URL", url), clock))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("JWT_SECRET is not set");
        assertThatThrownBy(() -> new UserHandler().start(Map.of("DB_URL", url), clock, new Passwords(1_000)))
                .hasMessageStartingWith("JWT_SECRET is not set");
        assertThatThrownBy(() -> new TodoHandler().start(Map.of("DB_URL", url, "JWT_SECRET", shortSecret), clock))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("JWT_SECRET: 16 bytes");
    }

    @Test
    void failsWhenDbUrlIsMissing() {
        assertThatThrownBy(() -> new TodoHandler().start(Map.of("JWT_SECRET", Fixture.SECRET), clock))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("DB_URL is not set");
    }

    @Test
    void answers503BeforeTheInitializerHasSucceeded() {
        TodoHandler todos = new TodoHandler();
        UserHandler users = new UserHandler();

        ApiResponse todoResponse = todos.handle(ApiRequest.of("GET", "/api/rule"));
        ApiResponse userResponse = users.handle(ApiRequest.of("GET", "/api/users"));

        assertThat(todoResponse.status()).isEqualTo(503);
        assertThat(todoResponse.body().get("success").booleanValue()).isFalse();
        assertThat(userResponse.status()).isEqualTo(503);
        assertThatThrownBy(() -> todos.start(Map.of("DB_URL", UNREACHABLE, "JWT_SECRET", Fixture.SECRET), clock))
                .isInstanceOf(IOException.class);
        assertThat(todos.handle(ApiRequest.of("GET", "/api/rule")).status()).isEqualTo(503);
    }

    @Test
    void bothHandlersShareOneSchemaWhicheverStartsFirst() throws Exception {
        Map<String, String> env = Map.of("DB_URL", memoryUrl(), "JWT_SECRET", Fixture.SECRET);
        UserHandler users = new UserHandler();
        TodoHandler todos = new TodoHandler();

        assertThat(users.start(env, clock, new Passwords(1_000))).isEqualTo(env.get("DB_URL"));
        todos.start(env, clock);
        users.start(env, clock, new Passwords(1_000));

        users.handle(json("POST", "/user/register", "{\"userName\": \"ann\", \"password\": \"secret1\"}"));
        ApiResponse login =
                users.handle(json("POST", "/api/login/account", "{\"userName\": \"ann\", \"password\": \"secret1\"}"));
        String cookie = login.header("Set-Cookie");
        ApiRequest create = json("POST", "/api/rule", "{\"name\": \"shared\"}")
                .withHeader("Cookie", cookie.substring(0, cookie.indexOf(';')));
        assertThat(todos.handle(create).status()).isEqualTo(200);
        assertThat(todos.handle(ApiRequest.of("GET", "/api/rule"))
                        .body()
                        .get("total")
                        .intValue())
                .isEqualTo(1);
    }

    private static String memoryUrl() {
        return "jdbc:h2:mem:init-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
