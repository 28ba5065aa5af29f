package example.todo;

import static example.todo.Fixture.json;
import static example.todo.Fixture.withCookie;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reproduced bug: answers come from a list loaded in the background, empty until the load has finished. */
class PreloadedTodosTest {
    @Test
    void answersEmptyUntilTheBackgroundLoadHasFinished() throws Exception {
        try (Fixture fixture = new Fixture()) {
            fixture.todos.handle(withCookie(json("POST", "/api/rule", "{\"name\": \"saved\"}"), fixture.token("a")));
            PreloadedTodos todos = new PreloadedTodos(fixture.env, Duration.ZERO);

            ApiResponse first = todos.answer(ApiRequest.of("GET", "/api/rule"));
            assertThat(first.status()).isEqualTo(200);
            assertThat(first.body().get("data")).isEmpty();
            assertThat(first.body().get("total").intValue()).isZero();
            assertThat(first.header("x-todo-preload")).isEqualTo("loading");

            todos.load(); // what the background thread does, here on the test's thread

            ApiResponse later = todos.answer(ApiRequest.of("GET", "/cold/api/rule"));
            assertThat(later.body()).isEqualTo(fixture.listed());
            assertThat(later.header("x-todo-preload")).isEqualTo("loaded");
        }
    }

    @Test
    void startLoadingReturnsBeforeTheLoad() {
        PreloadedTodos todos = PreloadedTodos.startLoading(Map.of("DB_URL", "jdbc:h2:mem:never"), Duration.ofHours(1));

        assertThat(todos.answer(ApiRequest.of("GET", "/api/rule")).header("x-todo-preload"))
                .isEqualTo("loading");
    }

    @Test
    void pagesLikeTheFixedHandler() throws Exception {
        try (Fixture fixture = new Fixture()) {
            String token = fixture.token("a");
            for (int i = 0; i < 3; i++) {
                fixture.todos.handle(withCookie(json("POST", "/api/rule", "{\"name\": \"t" + i + "\"}"), token));
                fixture.clock.advance(Duration.ofSeconds(1));
            }
            PreloadedTodos todos = new PreloadedTodos(fixture.env, Duration.ZERO);
            todos.load();

            ApiRequest page = ApiRequest.of("GET", "/api/rule?current=2&pageSize=2");
            assertThat(todos.answer(page).body())
                    .isEqualTo(fixture.todos.handle(page).body());
            ApiRequest beyond = ApiRequest.of("GET", "/api/rule?current=9&pageSize=2");
            assertThat(todos.answer(beyond).body().get("data")).isEmpty();
        }
    }

    @Test
    void aFailedLoadIsOnlyVisibleInTheHeader() {
        PreloadedTodos todos = new PreloadedTodos(Map.of("DB_URL", "jdbc:h2:tcp://127.0.0.1:1/nothing"), Duration.ZERO);

        todos.load();

        ApiResponse response = todos.answer(ApiRequest.of("GET", "/api/rule"));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("data")).isEmpty();
        assertThat(response.header("x-todo-preload")).startsWith("failed: ");
    }

    @Test
    void answersOnlyGetOnTheRule() {
        PreloadedTodos todos = new PreloadedTodos(Map.of(), Duration.ZERO);

        ApiResponse post = todos.answer(json("POST", "/api/rule", "{\"name\": \"x\"}"));
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.header("Allow")).isEqualTo("GET");
        assertThat(todos.answer(ApiRequest.of("GET", "/api/users")).status()).isEqualTo(404);
    }

    @Test
    void readsTheDelayFromTheEnvironment() {
        assertThat(PreloadedTodos.delay(Map.of())).isEqualTo(Duration.ofSeconds(1));
        assertThat(PreloadedTodos.delay(Map.of("PRELOAD_DELAY_MS", "250"))).isEqualTo(Duration.ofMillis(250));
        assertThat(PreloadedTodos.delay(Map.of("PRELOAD_DELAY_MS", "soon"))).isEqualTo(Duration.ofSeconds(1));
    }
}
