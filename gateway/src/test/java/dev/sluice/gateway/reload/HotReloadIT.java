package dev.sluice.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.SluiceProcess;
import dev.sluice.gateway.testing.TestFunctions;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload in {@code sluice up} as a user meets it: a real process watching a project directory, whose files the
 * test edits the way an editor and a build do.
 */
class HotReloadIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RELOAD_TIMEOUT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTIONS =
            """
            functions:
              edit:
                runtime: nodejs20
                code: ./edit
                handler: index.handler
              other:
                runtime: nodejs20
                code: ./other
                handler: index.handler
              java:
                runtime: java17
                code: ./hello.jar
                handler: example.hello.HelloHandler::handleRequest
                initializer: example.hello.HelloHandler::initialize
                memory: 256Mi
                instanceConcurrency: 10
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
        answer("edit", "first");
        answer("other", "untouched");
        Files.copy(TestFunctions.samples().resolve("hello/target/hello.jar"), project.resolve("hello.jar"));
        Files.writeString(project.resolve("functions.yml"), FUNCTIONS);
        sluice = SluiceProcess.start(Map.of("SLUICE_HOME", home.toString()), project, "up", "-p", "0");
        base = sluice.awaitUp(UP_TIMEOUT);
        sluice.awaitLine("watching ", 0, UP_TIMEOUT);
    }

    @AfterEach
    void down() throws Exception {
        if (sluice != null) {
            sluice.terminate();
            assertThat(sluice.awaitExit(Duration.ofSeconds(60))).isEqualTo(143);
            sluice.close();
        }
    }

    @Test
    void editingAFunctionsFileChangesItsAnswerAndLeavesTheOthersWarm() throws Exception {
        assertThat(invoke("edit").body()).isEqualTo("first");
        assertThat(invoke("other").body()).isEqualTo("untouched");
        String otherContainer = container("other");
        int seen = sluice.output().size();

        answer("edit", "second");
        long written = System.nanoTime();

        sluice.awaitLine("edit reloaded (edit/index.js changed) in ", seen, RELOAD_TIMEOUT);
        String answer = invoke("edit").body();
        long tookMs = (System.nanoTime() - written) / 1_000_000;
        assertThat(answer)
                .as("the next call after the reload, %d ms after the save", tookMs)
                .isEqualTo("second");
        assertThat(invoke("other").body()).isEqualTo("untouched");
        assertThat(container("other")).as("the other function's instance stays").isEqualTo(otherContainer);
        assertThat(sluice.output().subList(seen, sluice.output().size()))
                .noneMatch(line -> line.contains("other reloaded") || line.contains("java reloaded"));
    }

    @Test
    void aJarRewrittenInPlaceUnderLoadDropsNoCall() throws Exception {
        assertThat(invoke("java").body()).startsWith("Hello, bench!");
        String before = container("java");
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger calls = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        Thread[] clients = new Thread[4];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = new Thread(() -> {
                while (loading.get()) {
                    try {
                        HttpResponse<String> response = invoke("java");
                        calls.incrementAndGet();
                        if (response.statusCode() != 200 || !response.body().startsWith("Hello, bench!")) {
                            failures.add(response.statusCode() + " " + response.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            clients[i].start();
        }
        int seen = sluice.output().size();

        // As a build does: the same file truncated and written again, slowly, while the old version serves.
        byte[] jar = Files.readAllBytes(project.resolve("hello.jar"));
        try (OutputStream out =
                Files.newOutputStream(project.resolve("hello.jar"), StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int offset = 0; offset < jar.length; offset += 4096) {
                out.write(jar, offset, Math.min(4096, jar.length - offset));
                out.flush();
                Thread.sleep(40);
            }
        }
        sluice.awaitLine("java reloaded (hello.jar changed)", seen, RELOAD_TIMEOUT);
        int atReload = calls.get();
        while (calls.get() < atReload + 200) {
            Thread.sleep(20);
        }
        loading.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(failures).as("of %d calls", calls.get()).isEmpty();
        assertThat(container("java")).as("the new version's instance").isNotEqualTo(before);
    }

    @Test
    void aBrokenFileKeepsWhatRunsAndSaysWhereTheProblemIs() throws Exception {
        assertThat(invoke("edit").body()).isEqualTo("first");
        int seen = sluice.output().size();

        Files.writeString(project.resolve("functions.yml"), FUNCTIONS.replace("memory: 256Mi", "memory: lots"));

        sluice.awaitLine("functions.yml has problems; still running the previous version:", seen, RELOAD_TIMEOUT);
        sluice.awaitLine("functions.yml:15:13: functions.java.memory: \"lots\"", seen, RELOAD_TIMEOUT);
        assertThat(invoke("edit").body()).isEqualTo("first");
        assertThat(invoke("java").statusCode()).isEqualTo(200);

        seen = sluice.output().size();
        Files.writeString(project.resolve("functions.yml"), FUNCTIONS.replace("memory: 256Mi", "memory: 320Mi"));

        sluice.awaitLine("java reloaded (functions.yml changed) in ", seen, RELOAD_TIMEOUT);
        assertThat(invoke("java").statusCode()).isEqualTo(200);
        JsonNode java = function("java");
        assertThat(java.get("memoryMb").asInt()).isEqualTo(320);
    }

    private void answer(String function, String text) throws Exception {
        Path dir = Files.createDirectories(project.resolve(function));
        Files.writeString(
                dir.resolve("index.js"),
                "exports.handler = (event, context, callback) => callback(null, '" + text + "');\n");
    }

    private HttpResponse<String> invoke(String function) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve("/invoke/" + function))
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString("bench"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode function(String name) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(base.resolve("/system/functions/" + name))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    /** Returns the container of the function's one READY instance. */
    private String container(String name) throws Exception {
        for (JsonNode instance : function(name).get("instances")) {
            if (instance.get("state").asText().equals("READY")) {
                return instance.get("container").asText();
            }
        }
        throw new IllegalStateException("no READY instance of " + name + ": " + function(name));
    }
}
