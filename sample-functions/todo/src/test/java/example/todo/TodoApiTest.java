package example.todo;

import static example.todo.Fixture.json;
import static example.todo.Fixture.parse;
import static example.todo.Fixture.withCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TodoApiTest {
    private Fixture fixture;
    private String token;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture();
        token = fixture.token("alice");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private ApiResponse send(ApiRequest request) {
        return fixture.todos.handle(request);
    }

    private JsonNode create(String name) {
        ApiResponse response =
                send(withCookie(json("POST", "/api/rule", "{\"name\": \"" + name + "\", \"desc\": \"d\"}"), token));
        assertThat(response.status()).isEqualTo(200);
        fixture.clock.advance(Duration.ofSeconds(1));
        return response.body();
    }

    @Test
    void listsNothingAtFirst() {
        ApiResponse response = send(ApiRequest.of("GET", "/api/rule"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo(parse("{'data': [], 'total': 0, 'success': true, 'pageSize': 0, 'current': 1}"));
    }

    @Test
    void createsTodoWithEveryFieldOwnedByTheTokensUser() {
        JsonNode todo = create("write tests");

        assertThat(todo.get("key").asText()).matches("[0-9a-f-]{36}");
        assertThat(todo.get("name").asText()).isEqualTo("write tests");
        assertThat(todo.get("desc").asText()).isEqualTo("d");
        assertThat(todo.get("owner").asText()).isEqualTo("alice");
        assertThat(todo.get("status").intValue()).isEqualTo(1);
        assertThat(todo.get("callNo").intValue()).isZero();
        assertThat(todo.get("progress").intValue()).isZero();
        assertThat(todo.get("href").isTextual()).isTrue();
        assertThat(todo.get("avatar").isTextual()).isTrue();
        assertThat(todo.get("disabled").booleanValue()).isFalse();
        assertThat(todo.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(todo.get("updatedAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(fixture.listed().get("data")).containsExactly(todo);
    }

    @Test
    void stampsTimesToTheMillisecond() {
        fixture.clock.advance(Duration.ofNanos(1_234_567_891));

        JsonNode todo = create("precise");

        assertThat(todo.get("createdAt").asText()).isEqualTo("2026-01-01T00:00:01.234Z");
        assertThat(fixture.listed().get("data").get(0).get("createdAt").asText())
                .isEqualTo("2026-01-01T00:00:01.234Z");
    }

    @Test
    void createsFromUrlEncodedForm() {
        ApiRequest request = ApiRequest.of("POST", "/api/rule")
                .withBody("application/x-www-form-urlencoded; charset=UTF-8", "name=buy+milk%21&desc=two%20liters");

        ApiResponse response = send(withCookie(request, token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("name").asText()).isEqualTo("buy milk!");
        assertThat(response.body().get("desc").asText()).isEqualTo("two liters");
    }

    @Test
    void acceptsBearerTokenToo() {
        ApiRequest request =
                json("POST", "/api/rule", "{\"name\": \"x\"}").withHeader("Authorization", "Bearer " + token);

        assertThat(send(request).status()).isEqualTo(200);
    }

    @Test
    void refusesCreateWithoutNameOrWithBadStatus() throws Exception {
        assertThat(send(withCookie(json("POST", "/api/rule", "{\"desc\": \"d\"}"), token))
                        .status())
                .isEqualTo(400);
        assertThat(send(withCookie(json("POST", "/api/rule", "{\"name\": \"  \"}"), token))
                        .status())
                .isEqualTo(400);
        ApiResponse badStatus = send(withCookie(json("POST", "/api/rule", "{\"name\": \"x\", \"status\": 4}"), token));
        assertThat(badStatus.status()).isEqualTo(400);
        assertThat(badStatus.body().get("message").asText()).startsWith("status: 4");
        assertThat(send(withCookie(json("POST", "/api/rule", "[1]"), token)).status())
                .isEqualTo(400);
        assertThat(send(withCookie(json("POST", "/api/rule", "{oops"), token)).status())
                .isEqualTo(400);
        assertThat(fixture.rows("todos")).isZero();
    }

    @Test
    void updatesNameDescAndStatus() {
        JsonNode todo = create("draft");
        String key = todo.get("key").asText();

        ApiResponse response = send(withCookie(
                json(
                        "PUT",
                        "/api/rule",
                        "{\"key\": \"" + key + "\", \"name\": \"final\", \"desc\": \"e\", \"status\": 2}"),
                token));

        assertThat(response.status()).isEqualTo(200);
        JsonNode updated = response.body();
        assertThat(updated.get("key").asText()).isEqualTo(key);
        assertThat(updated.get("name").asText()).isEqualTo("final");
        assertThat(updated.get("desc").asText()).isEqualTo("e");
        assertThat(updated.get("status").intValue()).isEqualTo(2);
        assertThat(updated.get("createdAt")).isEqualTo(todo.get("createdAt"));
        assertThat(updated.get("updatedAt").asText()).isEqualTo("2026-01-01T00:00:01Z");
        assertThat(fixture.listed().get("data")).containsExactly(updated);
    }

    @Test
    void updateOfUnknownKeyIs404AndChangesNothing() throws Exception {
        create("keep me");
        JsonNode before = fixture.listed();

        ApiResponse response = send(withCookie(
                json("PUT", "/api/rule", "{\"key\": \"no-such-key\", \"name\": \"x\", \"status\": 0}"), token));

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body().get("success").booleanValue()).isFalse();
        assertThat(fixture.listed()).isEqualTo(before);
        assertThat(fixture.rows("todos")).isEqualTo(1);
    }

    @Test
    void deletesAndListsTheRest() {
        String first = create("one").get("key").asText();
        String second = create("two").get("key").asText();
        JsonNode third = create("three");

        ApiResponse response = send(withCookie(
                json("DELETE", "/api/rule", "{\"key\": [\"" + first + "\", \"" + second + "\", \"unknown\"]}"), token));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("list")).containsExactly(third);
        assertThat(response.body().get("pagination")).isEqualTo(parse("{'total': 1}"));
        assertThat(response.body().size()).isEqualTo(2);
    }

    @Test
    void oldClientsPostEveryChangeWithMethodField() {
        JsonNode created = send(withCookie(
                        json("POST", "/api/rule", "{\"method\": \"post\", \"name\": \"old\"}"), token))
                .body();
        String key = created.get("key").asText();

        JsonNode updated = send(withCookie(
                        json("POST", "/api/rule", "{\"method\": \"update\", \"key\": \"" + key + "\", \"status\": 3}"),
                        token))
                .body();
        assertThat(updated.get("status").intValue()).isEqualTo(3);
        assertThat(updated.get("name").asText()).isEqualTo("old");

        ApiResponse deleted = send(
                withCookie(json("POST", "/api/rule", "{\"method\": \"delete\", \"key\": [\"" + key + "\"]}"), token));
        assertThat(deleted.body()).isEqualTo(parse("{'list': [], 'pagination': {'total': 0}}"));

        ApiResponse unknown =
                send(withCookie(json("POST", "/api/rule", "{\"method\": \"patch\", \"name\": \"x\"}"), token));
        assertThat(unknown.status()).isEqualTo(400);
    }

    @Test
    void pagesInCreationOrderAndEchoesThePage() {
        List<JsonNode> created = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            created.add(create("todo " + i));
        }

        JsonNode page2 =
                send(ApiRequest.of("GET", "/api/rule?current=2&pageSize=2")).body();
        assertThat(page2.get("data")).containsExactly(created.get(2), created.get(3));
        assertThat(page2.get("total").intValue()).isEqualTo(5);
        assertThat(page2.get("current").intValue()).isEqualTo(2);
        assertThat(page2.get("pageSize").intValue()).isEqualTo(2);
        assertThat(page2.get("success").booleanValue()).isTrue();

        JsonNode page3 =
                send(ApiRequest.of("GET", "/api/rule?current=3&pageSize=2")).body();
        assertThat(page3.get("data")).containsExactly(created.get(4));

        JsonNode all = send(ApiRequest.of("GET", "/api/rule")).body();
        assertThat(all.get("data")).containsExactlyElementsOf(created);
        assertThat(all.get("pageSize").intValue()).isEqualTo(5);

        assertThat(send(ApiRequest.of("GET", "/api/rule?current=0&pageSize=2")).status())
                .isEqualTo(400);
        assertThat(send(ApiRequest.of("GET", "/api/rule?pageSize=many")).status())
                .isEqualTo(400);
    }

    @Test
    void answersUnderAPrefixAndRefusesOtherRoutesAndMethods() {
        assertThat(send(ApiRequest.of("GET", "/todo/api/rule/")).status()).isEqualTo(200);
        assertThat(send(ApiRequest.of("GET", "/api/rules")).status()).isEqualTo(404);
        ApiResponse patch = send(withCookie(json("PATCH", "/api/rule", "{}"), token));
        assertThat(patch.status()).isEqualTo(405);
        assertThat(patch.header("Allow")).isEqualTo("GET, POST, PUT, DELETE");
    }
}
