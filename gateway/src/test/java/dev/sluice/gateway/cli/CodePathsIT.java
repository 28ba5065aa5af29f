package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.SluiceProcess;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code code:} paths outside the functions.yml's directory, the working directory and {@code $SLUICE_HOME} are
 * refused by a real {@code sluice up}, in its file and over the admin API, unless it was started with {@code
 * --allow-code-outside}.
 */
class CodePathsIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final String EXPECTED = " (expected: a path inside them; sluice up --allow-code-outside allows any)";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path home;

    @BeforeEach
    void copyCode() throws Exception {
        Files.copy(TestFunctions.jar(), dir.resolve("functions.jar"));
        home = dir.resolve("home");
    }

    private static String function(String name, String code) {
        return "  " + name + ":\n    runtime: java17\n    code: " + code + "\n"
                + "    handler: dev.sluice.testing.functions.Echo::handleRequest\n";
    }

    private Path write(String text) throws Exception {
        return Files.writeString(dir.resolve("functions.yml"), text);
    }

    private SluiceProcess up(Path file, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "-f", file.toString(), "-p", "0"));
        args.addAll(List.of(more));
        return SluiceProcess.start(Map.of("SLUICE_HOME", home.toString()), dir, args.toArray(String[]::new));
    }

    @Test
    void upRefusesCodeAtTheFileSystemRootAndInEtcWithExitStatusTwo() throws Exception {
        Path file = write("functions:\n" + function("root", "/") + function("etc", "/etc"));

        try (SluiceProcess sluice = up(file)) {
            assertThat(sluice.awaitExit(EXIT_TIMEOUT)).isEqualTo(2);
            String allowed = "is outside the allowed directories (" + dir + ", " + home + ")" + EXPECTED;
            assertThat(sluice.output())
                    .contains(file + ":4:11: functions.root.code: \"/\" " + allowed)
                    .contains(file + ":8:11: functions.etc.code: \"/etc\" " + allowed)
                    .contains("2 problems; nothing was started.")
                    .noneMatch(l -> l.contains("gateway listening"));
        }
    }

    @Test
    void aDocumentSentToTheApiWithCodeInEtcIsRefusedAtItsPlace() throws Exception {
        DockerEngine.connectOrSkip();
        try (SluiceProcess sluice = up(write("functions:\n" + function("hello", "./functions.jar")))) {
            URI base = sluice.awaitUp(UP_TIMEOUT);

            HttpResponse<String> put =
                    put(base, "functions:\n" + function("hello", "./functions.jar") + function("etc", "/etc"));

            assertThat(put.statusCode()).isEqualTo(400);
            assertThat(put.headers().firstValue("X-Fc-Error-Type")).hasValue("InvalidArgument");
            JsonNode problem =
                    new ObjectMapper().readTree(put.body()).path("problems").get(0);
            assertThat(problem.path("line").asInt()).isEqualTo(8);
            assertThat(problem.path("column").asInt()).isEqualTo(11);
            assertThat(problem.path("path").asText()).isEqualTo("functions.etc.code");
            assertThat(problem.path("message").asText())
                    .isEqualTo("\"/etc\" is outside the allowed directories (" + dir + ", " + home + ")" + EXPECTED);
            assertThat(put(base, "functions:\n" + function("root", "/")).statusCode())
                    .isEqualTo(400);
            stop(sluice);
        }
    }

    @Test
    void allowCodeOutsideLetsTheFileAndTheApiUseCodeElsewhere() throws Exception {
        DockerEngine.connectOrSkip();
        Path elsewhere = TestFunctions.jar();
        Path file = write("functions:\n" + function("hello", elsewhere.toString()));

        try (SluiceProcess sluice = up(file, "--allow-code-outside")) {
            URI base = sluice.awaitUp(UP_TIMEOUT);

            HttpResponse<String> put = put(base, "functions:\n" + function("greeter", elsewhere.toString()));

            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            stop(sluice);
        }
    }

    private HttpResponse<String> put(URI base, String yaml) throws Exception {
        String token = Files.readString(home.resolve("admin-token"), StandardCharsets.UTF_8)
                .strip();
        return http.send(
                HttpRequest.newBuilder(base.resolve("/system/functions"))
                        .timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + token)
                        .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(SluiceProcess sluice) throws Exception {
        sluice.terminate();
        assertThat(sluice.awaitExit(EXIT_TIMEOUT)).as("128 + SIGTERM").isEqualTo(143);
    }
}
