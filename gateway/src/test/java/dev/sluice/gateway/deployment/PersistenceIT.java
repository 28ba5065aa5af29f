package dev.sluice.gateway.deployment;

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
 * What the admin API deployed survives a gateway that is killed: a real {@code sluice up}, {@code kill -9}, and
 * {@code sluice up} again with the same state directory.
 */
class PersistenceIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path file;

    /** A function of the test functions' jar, copied next to the functions.yml so that its path is allowed. */
    private static String function(String name) {
        return "  " + name + ":\n    runtime: java17\n    code: ./functions.jar\n"
                + "    handler: dev.sluice.testing.functions.Echo::handleRequest\n";
    }

    @BeforeEach
    void writeTheFile() throws Exception {
        Files.copy(TestFunctions.jar(), dir.resolve("functions.jar"));
        file = dir.resolve("functions.yml");
        Files.writeString(file, "functions:\n" + function("hello"));
    }

    @Test
    void aDeploymentMadeThroughTheApiIsRestoredAfterKillMinus9UntilFresh() throws Exception {
        DockerEngine.connectOrSkip();
        try (SluiceProcess first = up()) {
            URI base = first.awaitUp(UP_TIMEOUT);
            HttpResponse<String> put =
                    send(base, "PUT", "/system/functions", "functions:\n" + function("hello") + function("greeter"));
            assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
            assertThat(invoke(base, "greeter", "before").body()).isEqualTo("before");
            first.kill();
        }

        try (SluiceProcess second = up()) {
            URI base = second.awaitUp(UP_TIMEOUT);
            assertThat(second.output())
                    .anyMatch(l -> l.matches("restored the deployment made through the API at [0-9:]+ \\(2 functions;"
                            + " sluice up --fresh starts from " + file + " alone\\)"))
                    .anyMatch(l -> l.startsWith("sluice is up on " + base + " (restored the deployment made"));
            assertThat(deployed(base)).containsExactlyInAnyOrder("hello", "greeter");
            assertThat(invoke(base, "greeter", "after the crash").body()).isEqualTo("after the crash");

            assertThat(send(base, "DELETE", "/system/functions/hello", "").statusCode())
                    .isEqualTo(200);
            second.kill();
        }

        try (SluiceProcess third = up()) {
            URI base = third.awaitUp(UP_TIMEOUT);
            assertThat(deployed(base)).as("the removal was kept too").containsExactly("greeter");
            stop(third);
        }

        try (SluiceProcess fresh = up("--fresh")) {
            URI base = fresh.awaitUp(UP_TIMEOUT);
            assertThat(fresh.output())
                    .anyMatch(l -> l.startsWith("dropped the deployment made through the API at ")
                            && l.endsWith(" (--fresh); deploying " + file + " alone"));
            assertThat(deployed(base)).containsExactly("hello");
            assertThat(Files.exists(dir.resolve("home/deployment/deployment.json")))
                    .isFalse();
            stop(fresh);
        }
    }

    @Test
    void anEditedFileWinsOverTheDeploymentMadeThroughTheApi() throws Exception {
        DockerEngine.connectOrSkip();
        try (SluiceProcess first = up()) {
            URI base = first.awaitUp(UP_TIMEOUT);
            assertThat(send(base, "PUT", "/system/functions", "functions:\n" + function("greeter"))
                            .statusCode())
                    .isEqualTo(200);
            first.kill();
        }
        Files.writeString(file, "functions:\n" + function("hello") + function("edited"));

        try (SluiceProcess second = up()) {
            URI base = second.awaitUp(UP_TIMEOUT);
            assertThat(second.output())
                    .anyMatch(l -> l.startsWith(file + " changed since the deployment made through the API at ")
                            && l.endsWith(", so it is deployed as it is now and that deployment is dropped"));
            assertThat(deployed(base)).containsExactlyInAnyOrder("hello", "edited");
            stop(second);
        }
    }

    private SluiceProcess up(String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("up", "-f", file.toString(), "-p", "0"));
        args.addAll(List.of(more));
        return SluiceProcess.start(
                Map.of("SLUICE_HOME", dir.resolve("home").toString()), dir, args.toArray(String[]::new));
    }

    private static void stop(SluiceProcess sluice) throws Exception {
        sluice.terminate();
        assertThat(sluice.awaitExit(EXIT_TIMEOUT)).as("128 + SIGTERM").isEqualTo(143);
    }

    private List<String> deployed(URI base) throws Exception {
        HttpResponse<String> list = send(base, "GET", "/system/functions", "");
        List<String> names = new ArrayList<>();
        for (JsonNode function : JSON.readTree(list.body()).path("functions")) {
            names.add(function.path("name").asText());
        }
        return names;
    }

    private HttpResponse<String> invoke(URI base, String function, String body) throws Exception {
        return send(base, "POST", "/invoke/" + function, body);
    }

    private HttpResponse<String> send(URI base, String method, String path, String body) throws Exception {
        String token = Files.readString(dir.resolve("home/admin-token"), StandardCharsets.UTF_8)
                .strip();
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
