package example.todo;

import static example.todo.Fixture.json;
import static example.todo.Fixture.parse;
import static example.todo.Fixture.withCookie;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The course answered 403 and wrote anyway; here a refused write leaves every row as it was. */
class WriteAuthTest {
    private Fixture fixture;
    private String existingKey;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Fixture();
        ApiRequest create = withCookie(json("POST", "/api/rule", "{\"name\": \"existing\"}"), fixture.token("alice"));
        existingKey = fixture.todos.handle(create).body().get("key").asText();
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    static Stream<Arguments> badTokensAndWrites() {
        List<String> writes = List.of("create", "update", "delete", "oldClientUpdate", "oldClientDelete");
        return BadTokens.kinds().stream().flatMap(kind -> writes.stream().map(write -> Arguments.of(kind, write)));
    }

    @ParameterizedTest(name = "{0} token, {1}")
    @MethodSource("badTokensAndWrites")
    void refusedWriteIs403AndChangesNothing(String tokenKind, String write) throws Exception {
        String token = BadTokens.of(tokenKind, fixture);
        JsonNode before = fixture.listed();
        int rowsBefore = fixture.rows("todos");
        ApiRequest request = write(write);

        ApiResponse response = fixture.todos.handle(token == null ? request : withCookie(request, token));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).isEqualTo(parse("{'success': false, 'message': 'JWT token auth failed'}"));
        assertThat(fixture.rows("todos")).isEqualTo(rowsBefore).isEqualTo(1);
        assertThat(fixture.listed().get("data")).isEqualTo(before.get("data"));
    }

    @Test
    void badBearerHeaderIsRefusedToo() throws Exception {
        ApiRequest request = write("create").withHeader("Authorization", "Bearer " + BadTokens.unsigned(fixture));

        assertThat(fixture.todos.handle(request).status()).isEqualTo(403);
        assertThat(fixture.rows("todos")).isEqualTo(1);
    }

    @Test
    void readsNeedNoToken() {
        assertThat(fixture.todos.handle(ApiRequest.of("GET", "/api/rule")).status())
                .isEqualTo(200);
    }

    private ApiRequest write(String kind) {
        return switch (kind) {
            case "create" -> json("POST", "/api/rule", "{\"name\": \"sneaky\"}");
            case "update" -> json("PUT", "/api/rule", "{\"key\": \"" + existingKey + "\", \"name\": \"sneaky\"}");
            case "delete" -> json("DELETE", "/api/rule", "{\"key\": [\"" + existingKey + "\"]}");
            case "oldClientUpdate" -> json(
                    "POST", "/api/rule", "{\"method\": \"update\", \"key\": \"" + existingKey + "\", \"status\": 0}");
            case "oldClientDelete" -> json(
                    "POST", "/api/rule", "{\"method\": \"delete\", \"key\": [\"" + existingKey + "\"]}");
            default -> throw new IllegalArgumentException(kind);
        };
    }
}
