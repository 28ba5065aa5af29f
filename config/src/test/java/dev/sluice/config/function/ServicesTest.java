package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {
    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void setUp() throws Exception {
        documents = new Documents(dir);
        Files.createDirectories(dir.resolve("db"));
    }

    private static String withService(String... lines) {
        StringBuilder text = new StringBuilder("services:\n  todo-db:\n");
        for (String line : lines) {
            text.append("    ").append(line).append('\n');
        }
        return text + Documents.MINIMAL;
    }

    @Test
    void readsAServiceWithItsVolumesAndSecrets() throws Exception {
        FunctionsDocument document = documents.parse(withService(
                "runtime: java17",
                "code: ./db",
                "command: [java, -cp, /code/h2.jar, org.h2.tools.Server, -tcp]",
                "port: 9092",
                "volumes: { /data: todo-db }",
                "env: { MODE: server, PASSWORD: { secret: db-password } }",
                "memory: 256Mi",
                "cpu: 0.5"));

        ServiceSpec service = document.services().get(0);
        assertThat(service.name()).isEqualTo("todo-db");
        assertThat(service.runtime()).isEqualTo(Runtime.JAVA17);
        assertThat(service.image()).isNull();
        assertThat(service.code()).isEqualTo(dir.resolve("db").toAbsolutePath().normalize());
        assertThat(service.command()).containsExactly("java", "-cp", "/code/h2.jar", "org.h2.tools.Server", "-tcp");
        assertThat(service.port()).isEqualTo(9092);
        assertThat(service.volumes()).containsExactly(Map.entry("/data", "todo-db"));
        assertThat(service.env()).containsExactly(Map.entry("MODE", "server"));
        assertThat(service.secrets()).containsExactly(Map.entry("PASSWORD", "db-password"));
        assertThat(service.memoryMb()).isEqualTo(256);
        assertThat(service.cpu()).isEqualTo(0.5);
        assertThat(document.functions()).hasSize(1);
    }

    @Test
    void aCustomContainerServiceNeedsItsImageAndTheRuntimesRefuseOne() throws Exception {
        assertThat(documents
                        .parse(withService("runtime: custom-container", "image: my/db:1", "port: 5432"))
                        .services()
                        .get(0)
                        .image())
                .isEqualTo("my/db:1");
        assertThat(documents.problems(withService("runtime: custom-container", "port: 5432")))
                .containsExactly(
                        "functions.yml:2:3: services.todo-db: missing required key \"image\" (expected: a local image,"
                                + " e.g. my/db:1)");
        assertThat(documents.problems(withService("runtime: java17", "image: my/db:1", "port: 5432")))
                .containsExactly("functions.yml:4:12: services.todo-db.image: is only for runtime custom-container (a"
                        + " runtime brings its own image)");
    }

    @Test
    void everyMistakeInAServiceIsReportedWithItsPlace() {
        List<String> problems = documents.problems(
                "services:\n  Todo_DB:\n    runtime: java17\n    volumes: { data: d7, /ok: [x] }\n    porte: 1\n"
                        + Documents.MINIMAL);

        assertThat(problems)
                .containsExactlyInAnyOrder(
                        "functions.yml:2:3: services: \"Todo_DB\" is not a valid service name (expected: lower-case"
                                + " letters, digits and -, starting with a letter: functions reach it by this name)",
                        "functions.yml:5:5: services.Todo_DB: unknown key \"porte\" (did you mean \"port\"?)",
                        "functions.yml:4:16: services.Todo_DB.volumes: \"data\" is not a container directory"
                                + " (expected: an absolute path, e.g. /data)",
                        "functions.yml:4:31: services.Todo_DB.volumes./ok: a list is not a volume name (expected:"
                                + " lower-case letters, digits, _ . or -, e.g. todo-db)");
    }
}
