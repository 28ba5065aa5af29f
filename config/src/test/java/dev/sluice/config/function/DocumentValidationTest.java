package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.source.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Problems with the document's shape, its keys, and the checks that span keys or functions. */
class DocumentValidationTest {

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    @Test
    void reportsThreeMistakesTogetherWithTheirPositionsAndReturnsNothing() {
        String text =
                """
                version: 1
                functions:
                  hello:
                    runtime: java17
                    code: ./hello/target/hello.jar
                    handler: example.hello.HelloHandler::handleRequest
                    initializer: example.hello.HelloHandler::initialize
                    initializationTimeout: 5s
                    cpu: 0.5
                    env:
                      GREETING: Hello
                    triggers:
                      - http: { path: /api/hello, methods: [GET, POST] }
                    memory: 512mb
                    instanceConcurrency: 10
                    minInstances: 1
                    idleTimeout: 120s
                    watermarks: { cpu: 80%, memory: 85% }
                    timout: 10s
                    # scaling: more instances while busy,
                    # up to this many
                    maxInstances: 0
                """;

        assertThatThrownBy(() -> documents.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        """
                        functions.yml:14:13: functions.hello.memory: "512mb" is not a size (expected: e.g. 128Mi, 1Gi)
                        functions.yml:19:5: functions.hello: unknown key "timout" (did you mean "timeout"?)
                        functions.yml:22:19: functions.hello.maxInstances: 0 (expected: 1..100)
                        3 problems; nothing was started.""");
    }

    @Test
    void reportsProblemsInEveryFunctionInLineOrder() {
        String text = Documents.withSettings("cpu: 99")
                + """
                  second:
                    runtime: java11
                    code: ./hello/target/hello.jar
                    handler: example.HelloHandler::handleRequest
                    memory: 100
                """;

        assertThat(documents.problems(text))
                .containsExactly(
                        "functions.yml:6:10: functions.hello.cpu: 99 (expected: 0.05..16)",
                        "functions.yml:8:14: functions.second.runtime: \"java11\" is not a runtime (expected: one of"
                                + " java17, nodejs20, python3, custom, custom-container)",
                        "functions.yml:11:13: functions.second.memory: 100 (expected: 128Mi..32Gi)");
    }

    @Test
    void suggestsTheClosestKeyForAnUnknownOne() {
        assertThat(documents.problems(Documents.withSettings("memroy: 256Mi", "Timeout: 5s", "memorySize: 1Gi")))
                .containsExactly(
                        "functions.yml:6:5: functions.hello: unknown key \"memroy\" (did you mean \"memory\"?)",
                        "functions.yml:7:5: functions.hello: unknown key \"Timeout\" (did you mean \"timeout\"?)",
                        "functions.yml:8:5: functions.hello: unknown key \"memorySize\" (did you mean \"memory\"?)");
    }

    @Test
    void listsTheKnownKeysWhenNoneIsClose() {
        assertThat(documents.problems(Documents.MINIMAL + "databases: {}\n"))
                .containsExactly("functions.yml:6:1: unknown key \"databases\" (expected: version, services, functions,"
                        + " prewarm)");
    }

    @Test
    void readsStemCellCountsPerRuntime() throws ConfigException {
        FunctionsDocument document = documents.parse(Documents.MINIMAL + "prewarm: { java17: 2 }\n");

        assertThat(document.prewarm()).containsExactly(Map.entry(Runtime.JAVA17, 2));
        assertThat(documents.parse(Documents.MINIMAL).prewarm()).isEmpty();
    }

    @Test
    void rejectsUnknownRuntimesAndCountsOutOfRangeInPrewarm() {
        assertThat(documents.problems(Documents.MINIMAL + "prewarm: { ruby3: 1, java17: 11 }\n"))
                .containsExactly(
                        "functions.yml:6:12: prewarm.ruby3: unknown runtime \"ruby3\" (expected: one of java17, nodejs20, python3, custom, custom-container)",
                        "functions.yml:6:30: prewarm.java17: 11 (expected: 0..10)");
    }

    @Test
    void aMisspelledRequiredKeyIsNotAlsoReportedMissing() {
        String text = Documents.MINIMAL.replace("handler:", "hanlder:");

        assertThat(documents.problems(text))
                .containsExactly(
                        "functions.yml:5:5: functions.hello: unknown key \"hanlder\" (did you mean \"handler\"?)");
    }

    @Test
    void reportsEveryMissingRequiredKeyAtTheFunctionName() {
        String text = "functions:\n  hello:\n    timeout: 5s\n";

        assertThat(documents.problems(text))
                .containsExactly(
                        "functions.yml:2:3: functions.hello: missing required key \"runtime\" (expected: one of java17, nodejs20, python3, custom, custom-container)",
                        "functions.yml:2:3: functions.hello: missing required key \"code\" (expected: a .jar, .zip or"
                                + " directory, relative to this file)",
                        "functions.yml:2:3: functions.hello: missing required key \"handler\" (expected:"
                                + " package.Class::method, e.g. example.HelloHandler::handleRequest)");
    }

    @Test
    void rejectsAHandlerThatIsNotInJavaForm() {
        String text = Documents.MINIMAL.replace("example.HelloHandler::handleRequest", "index.handler");

        assertThat(documents.problems(text))
                .containsExactly("functions.yml:5:14: functions.hello.handler: \"index.handler\" is not a Java handler"
                        + " (expected: package.Class::method, e.g. example.HelloHandler::handleRequest)");
    }

    @Test
    void acceptsHandlersInTheDefaultPackageAndNestedClasses() throws ConfigException {
        String text = Documents.MINIMAL.replace("example.HelloHandler::handleRequest", "Outer$Inner::handle");

        assertThat(documents.parse(text).functions())
                .singleElement()
                .extracting(FunctionSpec::handler)
                .isEqualTo("Outer$Inner::handle");
    }

    @Test
    void rejectsAStringKeyGivenAsABooleanOrAMap() {
        String text = Documents.MINIMAL
                .replace("example.HelloHandler::handleRequest", "true")
                .replace("runtime: java17", "runtime: { id: java17 }");

        assertThat(documents.problems(text))
                .containsExactly(
                        "functions.yml:3:14: functions.hello.runtime: a map is not a runtime (expected: one of java17, nodejs20, python3, custom, custom-container)",
                        "functions.yml:5:14: functions.hello.handler: true is not a Java handler (expected:"
                                + " package.Class::method, e.g. example.HelloHandler::handleRequest)");
    }

    @Test
    void rejectsFunctionNamesOutsideFcsRule() {
        String longName = "a".repeat(65);
        String text = Documents.MINIMAL
                + Documents.MINIMAL
                        .substring(Documents.MINIMAL.indexOf("  hello:"))
                        .replace("hello:", "9lives:")
                + Documents.MINIMAL
                        .substring(Documents.MINIMAL.indexOf("  hello:"))
                        .replace("hello:", longName + ":");

        assertThat(documents.problems(text))
                .containsExactly(
                        "functions.yml:6:3: functions: \"9lives\" is not a valid function name (expected: 1 to 64"
                                + " letters, digits, _ or -, starting with a letter or _)",
                        "functions.yml:10:3: functions: \"" + "a".repeat(60)
                                + "…\" is not a valid function name (expected:"
                                + " 1 to 64 letters, digits, _ or -, starting with a letter or _)");
    }

    @Test
    void acceptsFunctionNamesWithUnderscoresAndHyphens() throws ConfigException {
        String text = Documents.MINIMAL.replace("hello:", "_todo-list_2:");

        assertThat(documents.parse(text).function("_todo-list_2")).isPresent();
    }

    @Test
    void rejectsMoreReservedThanMaximumInstances() {
        assertThat(documents.problems(Documents.withSettings("minInstances: 5", "maxInstances: 3")))
                .containsExactly("functions.yml:6:19: functions.hello.minInstances: 5 is more than maxInstances (3)"
                        + " (expected: minInstances <= maxInstances)");
        assertThat(documents.problems(Documents.withSettings("minInstances: 11")))
                .containsExactly("functions.yml:6:19: functions.hello.minInstances: 11 is more than maxInstances"
                        + " (10 by default) (expected: minInstances <= maxInstances)");
    }

    @Test
    void reportsOnlyTheBadBoundWhenMaximumInstancesIsOutOfRange() {
        assertThat(documents.problems(Documents.withSettings("minInstances: 5", "maxInstances: 0")))
                .containsExactly("functions.yml:7:19: functions.hello.maxInstances: 0 (expected: 1..100)");
    }

    @Test
    void reportsDuplicateKeysAndTheRestOfTheDocument() {
        assertThat(documents.problems(Documents.withSettings("timeout: 5s", "timeout: 6s", "cpu: 20")))
                .containsExactly(
                        "functions.yml:7:5: functions.hello: duplicate key \"timeout\" (first at line 6)",
                        "functions.yml:8:10: functions.hello.cpu: 20 (expected: 0.05..16)");
    }

    @Test
    void reportsASyntaxErrorAsTheOnlyProblem() {
        String text = Documents.withSettings("cpu: 20", "env: { A: 1", "timeout: 5s");

        assertThat(documents.problems(text))
                .singleElement()
                .asString()
                .startsWith("functions.yml:8:")
                .contains("YAML syntax error: ")
                .contains("while parsing a flow mapping at 7:10");
    }

    @Test
    void rejectsAnEmptyDocument() {
        assertThat(documents.problems("# nothing yet\n"))
                .containsExactly(
                        "functions.yml:1:1: the document is empty (expected: a map with version: 1 and functions)");
    }

    @Test
    void rejectsADocumentThatIsNotAMap() {
        assertThat(documents.problems("- hello\n"))
                .containsExactly("functions.yml:1:1: a list is not a functions document (expected: a map with"
                        + " version: 1 and functions)");
    }

    @Test
    void requiresFunctions() {
        assertThat(documents.problems("version: 1\n"))
                .containsExactly("functions.yml:1:1: missing required key \"functions\" (expected: a map of function"
                        + " names to settings)");
    }

    @Test
    void requiresAtLeastOneFunction() {
        assertThat(documents.problems("functions: {}\n"))
                .containsExactly(
                        "functions.yml:1:12: functions: no functions (expected: at least one, e.g. hello: {...})");
    }

    @Test
    void rejectsFunctionsGivenAsAList() {
        assertThat(documents.problems("functions:\n  - hello\n"))
                .containsExactly("functions.yml:2:3: functions: a list is not a map (expected: function names to"
                        + " settings, e.g. hello: {...})");
    }

    @Test
    void rejectsAFunctionWithoutSettings() {
        assertThat(documents.problems("functions:\n  hello:\n"))
                .containsExactly("functions.yml:2:3: functions.hello: no value (expected: a map of settings, e.g."
                        + " runtime, code, handler)");
    }

    @Test
    void acceptsOnlyVersionOne() {
        assertThat(documents.problems("version: 2\n" + Documents.MINIMAL))
                .containsExactly("functions.yml:1:10: version: 2 (expected: 1)");
        assertThat(documents.problems("version: one\n" + Documents.MINIMAL))
                .containsExactly("functions.yml:1:10: version: \"one\" is not a version (expected: 1)");
    }
}
