package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.source.ConfigException;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TriggerValidationTest {

    private static final String METHODS = "GET, POST, PUT, DELETE, PATCH, HEAD, OPTIONS";

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    private static String withTriggers(String... items) {
        String[] lines = new String[items.length + 1];
        lines[0] = "triggers:";
        for (int i = 0; i < items.length; i++) {
            lines[i + 1] = "  - " + items[i];
        }
        return Documents.withSettings(lines);
    }

    @Test
    void readsMethodsCaseInsensitivelyInCanonicalOrder() throws ConfigException {
        FunctionSpec hello = documents
                .parse(withTriggers("http: { path: /a, methods: [post, Get, GET] }"))
                .function("hello")
                .orElseThrow();

        assertThat(hello.triggers()).containsExactly(new HttpTrigger("/a", Set.of("GET", "POST")));
        assertThat(hello.triggers().get(0).methods()).containsExactly("GET", "POST");
    }

    @Test
    void defaultsToEveryMethod() throws ConfigException {
        FunctionSpec hello = documents
                .parse(withTriggers("http: { path: / }"))
                .function("hello")
                .orElseThrow();

        assertThat(hello.triggers().get(0).methods()).containsExactlyElementsOf(HttpTrigger.ALL_METHODS);
    }

    @Test
    void rejectsPathsThatDoNotStartWithASlash() {
        assertThat(documents.problems(withTriggers("http: { path: api/rule }")))
                .containsExactly("functions.yml:7:23: functions.hello.triggers[0].http.path: \"api/rule\" is not a"
                        + " path (expected: starts with /, no spaces, ? or #)");
    }

    @Test
    void rejectsTheGatewaysOwnRoutes() {
        assertThat(documents.problems(withTriggers("http: { path: /system/functions }", "http: { path: /ui }")))
                .containsExactly(
                        "functions.yml:7:23: functions.hello.triggers[0].http.path: \"/system/functions\" is reserved"
                                + " for Sluice (expected: a path outside /invoke, /system, /metrics, /ui, /healthz, /readyz)",
                        "functions.yml:8:23: functions.hello.triggers[1].http.path: \"/ui\" is reserved for Sluice"
                                + " (expected: a path outside /invoke, /system, /metrics, /ui, /healthz, /readyz)");
    }

    @Test
    void acceptsPathsThatOnlyLookLikeReservedOnes() throws ConfigException {
        assertThat(documents.parse(withTriggers("http: { path: /uikit }")).functions())
                .hasSize(1);
    }

    @Test
    void rejectsTheSamePathInTwoFunctions() {
        String text = withTriggers("http: { path: /api/rule }")
                + """
                  other:
                    runtime: java17
                    code: ./todo/target/todo.jar
                    handler: example.TodoHandler::handleRequest
                    triggers:
                      - http:
                          path: /api/rule
                """;

        assertThat(documents.problems(text))
                .containsExactly("functions.yml:14:17: functions.other.triggers[0].http.path: \"/api/rule\" is already"
                        + " the path of functions.hello.triggers[0].http.path at line 7 (expected: a path no other"
                        + " trigger uses)");
    }

    @Test
    void rejectsUnknownMethods() {
        assertThat(documents.problems(withTriggers("http: { path: /a, methods: [GET, FETCH, 3] }")))
                .containsExactly(
                        "functions.yml:7:42: functions.hello.triggers[0].http.methods[1]: \"FETCH\" is not an HTTP"
                                + " method (expected: one of " + METHODS + ")",
                        "functions.yml:7:49: functions.hello.triggers[0].http.methods[2]: 3 is not an HTTP method"
                                + " (expected: one of " + METHODS + ")");
    }

    @Test
    void rejectsAnEmptyOrScalarMethodList() {
        assertThat(documents.problems(
                        withTriggers("http: { path: /a, methods: [] }", "http: { path: /b, methods: GET }")))
                .containsExactly(
                        "functions.yml:7:36: functions.hello.triggers[0].http.methods: an empty list (expected: at"
                                + " least one of " + METHODS + ")",
                        "functions.yml:8:36: functions.hello.triggers[1].http.methods: \"GET\" is not a list"
                                + " (expected: e.g. [GET, POST])");
    }

    @Test
    void aTriggerMayRunAVersionOrAnAlias() throws ConfigException {
        FunctionSpec hello = documents
                .parse(withTriggers(
                        "http: { path: /a, qualifier: prod }",
                        "http: { path: /b, qualifier: 2 }",
                        "http: { path: /c, qualifier: LATEST }"))
                .function("hello")
                .orElseThrow();

        assertThat(hello.triggers()).extracting(HttpTrigger::qualifier).containsExactly("prod", "2", null);
    }

    @Test
    void rejectsAQualifierThatIsNeitherAVersionNorAnAlias() {
        assertThat(documents.problems(withTriggers("http: { path: /a, qualifier: 2nd-try }")))
                .containsExactly("functions.yml:7:38: functions.hello.triggers[0].http.qualifier: \"2nd-try\" is not"
                        + " a qualifier (expected: LATEST, a version like 2 or an alias like prod)");
    }

    @Test
    void rejectsUnknownKeysInATrigger() {
        assertThat(documents.problems(withTriggers("http: { path: /a, method: [GET] }", "queue: { name: jobs }")))
                .containsExactly(
                        "functions.yml:7:27: functions.hello.triggers[0].http: unknown key \"method\" (did you mean"
                                + " \"methods\"?)",
                        "functions.yml:8:9: functions.hello.triggers[1]: unknown key \"queue\" (expected: http, timer)");
    }

    @Test
    void requiresAPath() {
        assertThat(documents.problems(withTriggers("http: { methods: [GET] }")))
                .containsExactly("functions.yml:7:9: functions.hello.triggers[0].http: missing required key \"path\""
                        + " (expected: starts with /, e.g. /api/hello)");
    }

    @Test
    void rejectsTriggersThatAreNotAList() {
        assertThat(documents.problems(Documents.withSettings("triggers: { http: { path: /a } }")))
                .containsExactly("functions.yml:6:15: functions.hello.triggers: a map is not a list (expected: e.g."
                        + " - http: { path: /api/hello, methods: [GET, POST] } or - timer: { cron: \"@every 1m\" })");
    }

    @Test
    void rejectsATriggerThatIsNotAMap() {
        assertThat(documents.problems(withTriggers("/api/hello")))
                .containsExactly(
                        "functions.yml:7:9: functions.hello.triggers[0]: \"/api/hello\" is not a trigger"
                                + " (expected: e.g. - http: { path: /api/hello, methods: [GET, POST] } or - timer: { cron: \"@every 1m\" })");
    }
}
