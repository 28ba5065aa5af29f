package dev.sluice.gateway.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.SluiceProcess;
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
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gray release as a user runs it against a real {@code sluice up}: publish two versions of a function, send a tenth
 * of an alias's calls to the newer one, watch the split, restart the gateway, and find the same releases serving.
 */
class ReleasesIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS =
            """
            functions:
              hello:
                runtime: nodejs20
                code: ./hello
                handler: index.handler
                instanceConcurrency: 1
                maxInstances: 3
                triggers:
                  - http: { path: /hello-prod, methods: [GET, POST], qualifier: prod }
            """;

    @TempDir
    Path project;

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();
    private SluiceProcess sluice;
    private URI base;

    @BeforeEach
    void up() throws Exception {
        DockerEngine.connectOrSkip();
        answer("one");
        Files.writeString(project.resolve("functions.yml"), FUNCTIONS);
        base = start();
    }

    @AfterEach
    void down() throws Exception {
        if (sluice != null) {
            sluice.terminate();
            sluice.awaitExit(Duration.ofSeconds(60));
            sluice.close();
        }
    }

    @Test
    void aGrayReleaseSplitsExactlyAndSurvivesARestart() throws Exception {
        publishTwoVersions();
        assertEveryFormOfQualifierReachesItsVersion();

        HttpResponse<String> alias = send(
                "PUT",
                "/system/functions/hello/aliases/prod",
                "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": 0.1}}");
        assertThat(alias.statusCode()).as(alias.body()).isEqualTo(200);

        Map<String, Integer> split = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            HttpResponse<String> call = invoke("?qualifier=prod");
            assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
            String version = call.headers().firstValue("X-Fc-Version-Id").orElse("none");
            assertThat(call.body()).isEqualTo(version.equals("1") ? "one" : "two");
            split.merge(version, 1, Integer::sum);
        }
        assertThat(split)
                .as("a tenth, exactly: the split is a cycle of ten calls")
                .containsEntry("2", 100);
        assertVersionIn(post("/hello-prod", Map.of()), "1", "2");

        JsonNode metrics = hello(get("/system/metrics"));
        assertThat(metrics.path("callsByVersion").path("2").asLong()).isGreaterThanOrEqualTo(split.get("2"));
        assertThat(metrics.path("aliases").get(0).path("name").asText()).isEqualTo("prod");
        assertThat(get("/metrics").body())
                .containsPattern("sluice_invocations_total\\{function=\"hello\",outcome=\"success\",version=\"2\"}");

        sluice.kill();
        sluice.close();
        base = start();

        assertThat(get("/system/functions/hello/versions").body()).contains("\"second\"");
        assertThat(JSON.readTree(get("/system/functions/hello/aliases").body())
                        .get(0)
                        .path("additionalVersionWeight"))
                .hasToString("{\"2\":0.1}");
        assertVersion(invoke("?qualifier=1"), "1", "one");
        int second = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> call = invoke("?qualifier=prod");
            second += call.headers().firstValue("X-Fc-Version-Id").orElse("").equals("2") ? 1 : 0;
        }
        assertThat(second)
                .as("two in every twenty calls, after the restart too")
                .isEqualTo(2);
    }

    /** Publishes "one" as version 1 and "two" as version 2, and leaves "three" deployed. */
    private void publishTwoVersions() throws Exception {
        assertThat(publish("first").path("versionId").asText()).isEqualTo("1");
        HttpResponse<String> again = send("POST", "/system/functions/hello/versions", "{}");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(again.body()).contains("has not changed since version 1");

        answer("two");
        awaitLatest("two");
        assertThat(publish("second").path("versionId").asText()).isEqualTo("2");
        answer("three");
        awaitLatest("three");
    }

    private void assertEveryFormOfQualifierReachesItsVersion() throws Exception {

        assertVersion(invoke("?qualifier=1"), "1", "one");
        assertVersion(invoke("?qualifier=2"), "2", "two");
        assertVersion(invoke(""), "LATEST", "three");
        assertVersion(post("/2016-08-15/services/sluice.2/functions/hello/invocations", Map.of()), "2", "two");
        assertVersion(post("/invoke/hello", Map.of("X-Fc-Qualifier", "1")), "1", "one");
        HttpResponse<String> unknown = invoke("?qualifier=9");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Fc-Error-Type")).hasValue("VersionNotFound");
        assertThat(post("/hello-prod", Map.of()).headers().firstValue("X-Fc-Error-Type"))
                .as("the trigger's alias does not exist yet")
                .hasValue("AliasNotFound");
    }

    @Test
    void aVersionsPoolScalesOnItsOwn() throws Exception {
        publish("first");
        assertVersion(invoke(""), "LATEST", "one");

        List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            slow.add(http.sendAsync(
                    HttpRequest.newBuilder(base.resolve("/invoke/hello?qualifier=1"))
                            .timeout(Duration.ofSeconds(60))
                            .POST(HttpRequest.BodyPublishers.ofString("slow"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        for (CompletableFuture<HttpResponse<String>> call : slow) {
            assertVersion(call.get(), "1", "one");
        }

        JsonNode hello = hello(get("/system/metrics"));
        assertThat(hello.path("instances")).as("LATEST kept its one instance").hasSize(1);
        JsonNode version = hello.path("versions").get(0);
        assertThat(version.path("version").asText()).isEqualTo("1");
        assertThat(version.path("instances"))
                .as("three calls at once, one each: ceil(3 / 1) instances of version 1")
                .hasSize(3);
    }

    private URI start() throws Exception {
        sluice = SluiceProcess.start(Map.of("SLUICE_HOME", home.toString()), project, "up", "-p", "0");
        return sluice.awaitUp(UP_TIMEOUT);
    }

    /**
     * Makes the function's code answer {@code text}, as an event handler (after 1.5 s when the event is {@code slow})
     * and as an HTTP handler (through the trigger).
     */
    private void answer(String text) throws Exception {
        Path dir = Files.createDirectories(project.resolve("hello"));
        Files.writeString(
                dir.resolve("index.js"),
                "exports.handler = (event, context, callback) => typeof callback !== 'function'\n"
                        + "    ? context.send('" + text + "')\n"
                        + "    : event.toString() === 'slow'\n"
                        + "    ? setTimeout(() => callback(null, '" + text + "'), 1500)\n"
                        + "    : callback(null, '" + text + "');\n");
    }

    private void awaitLatest(String text) throws Exception {
        long deadline = System.nanoTime() + RELOAD_TIMEOUT.toNanos();
        while (!invoke("").body().equals(text)) {
            assertThat(System.nanoTime())
                    .as("LATEST answers " + text + " after the edit")
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private JsonNode publish(String description) throws Exception {
        HttpResponse<String> response =
                send("POST", "/system/functions/hello/versions", "{\"description\": \"" + description + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private static void assertVersion(HttpResponse<String> call, String version, String body) {
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.headers().firstValue("X-Fc-Version-Id")).hasValue(version);
        assertThat(call.body()).isEqualTo(body);
    }

    private static void assertVersionIn(HttpResponse<String> call, String... versions) {
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.headers().firstValue("X-Fc-Version-Id").orElse("none")).isIn((Object[]) versions);
    }

    private JsonNode hello(HttpResponse<String> metrics) throws Exception {
        for (JsonNode function : JSON.readTree(metrics.body()).path("functions")) {
            if (function.path("name").asText().equals("hello")) {
                return function;
            }
        }
        throw new AssertionError("no hello in " + metrics.body());
    }

    private HttpResponse<String> invoke(String query) throws Exception {
        return post("/invoke/hello" + query, Map.of());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("event"));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        String token = Files.readString(home.resolve("admin-token"), StandardCharsets.UTF_8)
                .strip();
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(90))
                        .header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
