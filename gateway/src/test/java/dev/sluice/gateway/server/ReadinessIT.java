package dev.sluice.gateway.server;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /readyz} of a real {@code sluice up}: 503 with what is pending while a service starts, 200 after. */
class ReadinessIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readyzSaysWhatIsPendingWhileAServiceStartsAndIsReadyOnceItListens() throws Exception {
        DockerEngine.connectOrSkip();
        // The service listens only once the test lets it (a file in its code directory), so its start is as slow as
        // the test wants, with no timing involved.
        Path code = Files.createDirectories(dir.resolve("slow"));
        Files.writeString(
                code.resolve("slow.js"),
                """
                const fs = require('fs');
                const wait = setInterval(() => {
                  if (fs.existsSync('/code/go')) {
                    clearInterval(wait);
                    require('net').createServer(s => s.end()).listen(7000, '0.0.0.0');
                  }
                }, 50);
                """);
        Path file = writeFunctions();

        try (SluiceProcess sluice = SluiceProcess.start(
                Map.of("SLUICE_HOME", dir.resolve("home").toString()),
                dir,
                "up",
                "-f",
                file.toString(),
                "-p",
                "0",
                // hello's jar is the sample app's, outside this test's directory.
                "--allow-code-outside")) {
            URI base = sluice.awaitListening(UP_TIMEOUT);
            JsonNode starting = awaitPendingService(base);

            assertThat(starting.get("status").asText()).isEqualTo("starting");
            assertThat(starting.get("pending").toString())
                    .contains("service slow-db: starting (waiting for port 7000)")
                    .contains("functions: 1 to deploy");
            assertThat(sluice.output()).noneMatch(l -> l.contains("sluice is up"));
            assertThat(get(base, "/healthz").statusCode()).as("alive all along").isEqualTo(200);

            Files.writeString(code.resolve("go"), "");

            assertThat(sluice.awaitUp(UP_TIMEOUT)).isEqualTo(base);
            HttpResponse<String> ready = get(base, "/readyz");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(new ObjectMapper().readTree(ready.body()).get("status").asText())
                    .isEqualTo("ready");
            sluice.terminate();
            sluice.awaitExit(Duration.ofSeconds(60));
        }
    }

    /** Writes a functions.yml with the slow service and the hello function; returns its path. */
    private Path writeFunctions() throws java.io.IOException {
        Path file = dir.resolve("functions.yml");
        Files.writeString(
                file,
                """
                services:
                  slow-db:
                    runtime: nodejs20
                    code: ./slow
                    command: [node, /code/slow.js]
                    port: 7000
                functions:
                  hello:
                    runtime: java17
                    code: HELLO_JAR
                    handler: example.hello.HelloHandler::handleRequest
                """
                        .replace(
                                "HELLO_JAR",
                                TestFunctions.samples()
                                        .resolve("hello/target/hello.jar")
                                        .toString()));

        return file;
    }

    /** Waits until the service is the pending item (the runtime images may be built first); returns the body. */
    private JsonNode awaitPendingService(URI base) throws Exception {
        long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(base, "/readyz");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).contains("1");
            body = new ObjectMapper().readTree(response.body());
            if (body.get("pending").toString().contains("service slow-db: starting")) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readyz never named the starting service; last: " + body);
    }

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
