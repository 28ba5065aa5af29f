package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.source.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionsDocumentTest {

    private static final String FULL =
            """
            version: 1
            functions:
              hello:
                runtime: java17
                code: ./hello/target/hello.jar
                handler: example.hello.HelloHandler::handleRequest
                initializer: example.hello.HelloHandler::initialize
                initializationTimeout: 5s
                timeout: 10s
                memory: 256Mi
                cpu: 0.5
                instanceConcurrency: 10
                minInstances: 1
                maxInstances: 10
                idleTimeout: 120s
                env: { GREETING: Hello, RETRIES: 3, VERBOSE: yes }
                triggers:
                  - http: { path: /api/rule, methods: [GET, post] }
                  - http: { path: /api/other }
                watermarks: { cpu: 80%, memory: 85 }
              todo:
                runtime: java17
                code: todo/target/todo.jar
                handler: example.TodoHandler::handleRequest
            """;

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    @Test
    void loadsEveryValueOfAFullDocument() throws ConfigException {
        FunctionSpec hello = documents.parse(FULL).function("hello").orElseThrow();

        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.runtime()).isEqualTo(Runtime.JAVA17);
        assertThat(hello.code()).isEqualTo(dir.resolve("hello/target/hello.jar").toAbsolutePath());
        assertThat(hello.handler()).isEqualTo("example.hello.HelloHandler::handleRequest");
        assertThat(hello.initializer()).isEqualTo("example.hello.HelloHandler::initialize");
        assertThat(hello.hasInitializer()).isTrue();
        assertThat(hello.initializationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(hello.memoryMb()).isEqualTo(256);
        assertThat(hello.cpu()).isEqualTo(0.5);
        assertThat(hello.instanceConcurrency()).isEqualTo(10);
        assertThat(hello.minInstances()).isEqualTo(1);
        assertThat(hello.maxInstances()).isEqualTo(10);
        assertThat(hello.idleTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(hello.env())
                .containsExactly(
                        Map.entry("GREETING", "Hello"), Map.entry("RETRIES", "3"), Map.entry("VERBOSE", "yes"));
        assertThat(hello.triggers())
                .containsExactly(new HttpTrigger("/api/rule", Set.of("GET", "POST")), HttpTrigger.of("/api/other"));
        assertThat(hello.watermarks()).isEqualTo(new Watermarks(80, 85));
    }

    @Test
    void fillsInDefaultsForEveryOptionalKey() throws ConfigException {
        FunctionSpec todo = documents.parse(FULL).function("todo").orElseThrow();

        assertThat(todo.code()).isEqualTo(dir.resolve("todo/target/todo.jar").toAbsolutePath());
        assertThat(todo.initializer()).isNull();
        assertThat(todo.hasInitializer()).isFalse();
        assertThat(todo.initializationTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(todo.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(todo.memoryMb()).isEqualTo(512);
        assertThat(todo.cpu()).isEqualTo(1.0);
        assertThat(todo.instanceConcurrency()).isEqualTo(1);
        assertThat(todo.minInstances()).isZero();
        assertThat(todo.maxInstances()).isEqualTo(10);
        assertThat(todo.idleTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(todo.env()).isEmpty();
        assertThat(todo.triggers()).isEmpty();
        assertThat(todo.watermarks()).isEqualTo(Watermarks.NONE);
    }

    @Test
    void keepsFunctionsInDocumentOrder() throws ConfigException {
        assertThat(documents.parse(FULL).functions())
                .extracting(FunctionSpec::name)
                .containsExactly("hello", "todo");
    }

    @Test
    void findsNoFunctionThatIsNotDeclared() throws ConfigException {
        assertThat(documents.parse(FULL).function("nope")).isEmpty();
    }

    @Test
    void versionMayBeLeftOut() throws ConfigException {
        String text = Documents.MINIMAL.replace("version: 1\n", "");

        assertThat(documents.parse(text).functions()).hasSize(1);
    }

    @Test
    void envAndTriggersCannotBeModified() throws ConfigException {
        FunctionSpec hello = documents.parse(FULL).function("hello").orElseThrow();

        assertThatThrownBy(() -> hello.env().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hello.triggers().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> hello.triggers().get(0).methods().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void loadResolvesCodeAgainstTheFilesDirectory() throws Exception {
        Path file = dir.resolve("functions.yml");
        Files.writeString(file, FULL, StandardCharsets.UTF_8);

        FunctionsDocument document = FunctionsDocument.load(file);

        assertThat(document.functions()).hasSize(2);
        assertThat(document.function("hello").orElseThrow().code())
                .isEqualTo(dir.toAbsolutePath().resolve("hello/target/hello.jar"));
    }

    @Test
    void loadNamesTheFileInEveryProblem() throws Exception {
        Path file = dir.resolve("functions.yml");
        Files.writeString(file, Documents.withSettings("memory: 512mb"), StandardCharsets.UTF_8);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> FunctionsDocument.load(file));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p.source())
                .isEqualTo(file.toString()));
    }

    @Test
    void loadReportsAMissingFile() {
        Path file = dir.resolve("nope.yml");

        assertThatThrownBy(() -> FunctionsDocument.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": file not found\n1 problem; nothing was started.");
    }

    @Test
    void loadReportsAFileThatIsNotUtf8() throws Exception {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xE9, '\n'});

        assertThatThrownBy(() -> FunctionsDocument.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": is not UTF-8 text");
    }

    @Test
    void acceptsJson() throws ConfigException {
        String json =
                """
                {"version": 1, "functions": {"hello": {"runtime": "java17", "code": "hello/target/hello.jar",
                 "handler": "example.HelloHandler::handleRequest", "memory": 1024, "timeout": "1m"}}}
                """;

        FunctionSpec hello = documents.parse(json).function("hello").orElseThrow();

        assertThat(hello.memoryMb()).isEqualTo(1024);
        assertThat(hello.timeout()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void rejectsTwoFunctionsWithOneNameWhenBuiltByHand() {
        FunctionSpec spec =
                FunctionSpec.builder("a", dir.toAbsolutePath(), "a.B::c").build();

        assertThatThrownBy(() -> new FunctionsDocument(List.of(spec, spec)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("functions: \"a\" twice (expected: unique)");
    }
}
