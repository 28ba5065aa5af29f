package dev.sluice.gateway.todo;

import static dev.sluice.gateway.todo.TodoClient.DENIED;
import static dev.sluice.gateway.todo.TodoClient.JSON;
import static dev.sluice.gateway.todo.TodoClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample todo app as `./sluice up` deploys it (H2 service, user and todo functions, the page), on real Docker:
 * every endpoint of the course's API, and every way a write without a valid token is refused with nothing changed.
 */
class TodoAppIT {
    @TempDir
    static Path state;

    private static LocalSluice sluice;
    private static TodoClient api;

    @BeforeAll
    static void deploy() throws Exception {
        Path samples = TestFunctions.samples();
        sluice = LocalSluice.deploy(
                TodoClient.sampleDocument(samples), samples, Duration.ofSeconds(60), state.resolve("home"));
        api = new TodoClient(sluice);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    private static Path jwtSecret() {
        return state.resolve("home/secrets/jwt");
    }

    @Test
    void registerLogInAndTheCurrentUserWithNoPasswordHashAnywhere() throws Exception {
        assertThat(api.send("POST", "/user/register", json(Map.of("userName", "ada", "password", "lovelace1")), null)
                        .body())
                .contains("\"status\":\"ok\"")
                .contains("\"currentAuthority\":\"ada\"");
        assertThat(api.send("POST", "/user/register", json(Map.of("userName", "ada", "password", "other12")), null)
                        .statusCode())
                .isEqualTo(409);
        HttpResponse<String> wrong = api.send(
                "POST",
                "/api/login/account",
                json(Map.of("userName", "ada", "password", "nope123", "type", "account")),
                null);
        assertThat(wrong.body()).contains("\"status\":\"error\"").contains("\"currentAuthority\":\"guest\"");
        assertThat(wrong.headers().allValues("set-cookie")).isEmpty();

        String token = api.login("ada", "lovelace1");

        JsonNode me =
                JSON.readTree(api.send("GET", "/api/currentUser", null, token).body());
        assertThat(me.at("/name").asText()).as("the profile at the top level").isEqualTo("ada");
        assertThat(me.at("/data/name").asText()).isEqualTo("ada");
        assertThat(api.send("GET", "/api/currentUser", null, null).statusCode()).isEqualTo(401);
        String users = api.send("GET", "/api/users", null, null).body();
        assertThat(users)
                .contains("\"ada\"")
                .doesNotContainIgnoringCase("pbkdf2")
                .doesNotContainIgnoringCase("hash");
    }

    @Test
    void todosAreCreatedListedUpdatedAndDeletedAlsoByOlderClientsPostingAMethod() throws Exception {
        String token = api.login("grace", "hopper12");
        String key = api.add(token, "write the tutorial");
        String other = api.add(token, "record the demo");

        JsonNode listed = JSON.readTree(
                api.send("GET", "/api/rule?current=1&pageSize=20", null, null).body());
        assertThat(listed.get("success").asBoolean()).isTrue();
        assertThat(listed.get("current").asInt()).isEqualTo(1);
        assertThat(listed.get("pageSize").asInt()).isEqualTo(20);
        assertThat(api.names("/api/rule")).contains("write the tutorial", "record the demo");

        JsonNode updated = JSON.readTree(api.send(
                        "PUT",
                        "/api/rule",
                        json(Map.of("key", key, "name", "write the tutorial", "desc", "d", "status", 2)),
                        token)
                .body());
        assertThat(updated.get("status").asInt()).isEqualTo(2);
        assertThat(updated.get("owner").asText()).isEqualTo("grace");
        JsonNode viaPost = JSON.readTree(api.send(
                        "POST",
                        "/api/rule",
                        json(Map.of("method", "update", "key", key, "name", "tutorial", "status", 3)),
                        token)
                .body());
        assertThat(viaPost.get("name").asText()).isEqualTo("tutorial");

        JsonNode deleted = JSON.readTree(api.send("DELETE", "/api/rule", json(Map.of("key", List.of(other))), token)
                .body());
        assertThat(deleted.at("/pagination/total").asInt())
                .isEqualTo(deleted.get("list").size());
        assertThat(api.names("/api/rule")).contains("tutorial").doesNotContain("record the demo");
        api.send("POST", "/api/rule", json(Map.of("method", "delete", "key", List.of(key))), token);
        assertThat(api.names("/api/rule")).doesNotContain("tutorial");
    }

    @Test
    void everyWriteWithoutAValidTokenIs403AndChangesNothing() throws Exception {
        String token = api.login("mallory", "mallory1");
        String key = api.add(token, "keep me");
        Instant inAnHour = Instant.now().plusSeconds(3600);
        Map<String, Object> claims = TodoClient.claims("1", "mallory", inAnHour);
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        Path otherKey = state.resolve("other-key");
        java.nio.file.Files.writeString(otherKey, "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktMzI=");
        List<String> invalid = List.of(
                "",
                "not-a-jwt",
                tampered,
                TodoClient.signed(
                        jwtSecret(),
                        TodoClient.claims("1", "mallory", Instant.now().minusSeconds(60))),
                TodoClient.unsigned(claims),
                TodoClient.signed(otherKey, claims));
        List<String> before = api.names("/api/rule");

        for (String bad : invalid) {
            for (String[] write : new String[][] {
                {"POST", json(Map.of("name", "sneaky"))},
                {"PUT", json(Map.of("key", key, "name", "changed", "status", 0))},
                {"DELETE", json(Map.of("key", List.of(key)))},
                {"POST", json(Map.of("method", "delete", "key", List.of(key)))}
            }) {
                HttpResponse<String> refused = api.send(write[0], "/api/rule", write[1], bad.isEmpty() ? null : bad);
                assertThat(refused.statusCode())
                        .as("%s with token %s", write[0], bad)
                        .isEqualTo(403);
                assertThat(JSON.readTree(refused.body())).isEqualTo(JSON.readTree(DENIED));
            }
        }

        assertThat(api.names("/api/rule")).isEqualTo(before);
        // The same claims, signed with the platform's key, are accepted: the refusals above were for the token.
        String valid = TodoClient.signed(jwtSecret(), claims);
        assertThat(api.send("PUT", "/api/rule", json(Map.of("key", key, "name", "kept", "status", 1)), valid)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void thePageIsServedFromTheSiteRootAndForAnyOtherPath() throws Exception {
        HttpResponse<String> root = api.send("GET", "/", null, null);
        HttpResponse<String> deep = api.send("GET", "/todos/42", null, null);

        assertThat(root.statusCode()).isEqualTo(200);
        assertThat(root.headers().firstValue("content-type").orElseThrow()).startsWith("text/html");
        assertThat(root.body()).contains("Sluice todo");
        assertThat(deep.body()).isEqualTo(root.body());
        assertThat(api.send("GET", "/app.js", null, null)
                        .headers()
                        .firstValue("content-type")
                        .orElseThrow())
                .contains("javascript");
    }
}
