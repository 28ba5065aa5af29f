package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.PythonWheel;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The python3 runtime on real Docker: an event function with an initializer, a WSGI HTTP function, a function that
 * raises, ten calls at once in one instance, and a dependency installed with {@code pip install -t} next to the code.
 */
class PythonRuntimeIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void deploy() throws Exception {
        Path functions = TestFunctions.pythonFunctions();
        Path withDependency = Files.createDirectories(dir.resolve("dependency"));
        Files.copy(functions.resolve("dependency/index.py"), withDependency.resolve("index.py"));
        Path wheel = PythonWheel.write(
                dir,
                "shouty",
                "1.0",
                Map.of("shouty/__init__.py", "def shout(text):\n    return text.upper() + '!'\n"));
        PythonWheel.pipInstall(wheel, withDependency);
        sluice = LocalSluice.deploy(
                """
                functions:
                  greet:
                    runtime: python3.10
                    code: EVENT_DIR
                    handler: index.handler
                    initializer: index.initializer
                    instanceConcurrency: 10
                    maxInstances: 1
                    timeout: 60s
                    env: { GREETING: Hola }
                  web:
                    runtime: python3
                    code: WSGI_DIR
                    handler: index.handler
                    triggers:
                      - http: { path: /py }
                  shout:
                    runtime: python3
                    code: DEPENDENCY_DIR
                    handler: index.handler
                """
                        .replace("EVENT_DIR", functions.resolve("event").toString())
                        .replace("WSGI_DIR", functions.resolve("wsgi").toString())
                        .replace("DEPENDENCY_DIR", withDependency.toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void anEventFunctionRunsAfterItsInitializerOnceAndLogsWithTheRequestId() throws Exception {
        HttpResponse<String> first = sluice.invoke("greet", "Ada");
        HttpResponse<String> second = sluice.invoke("greet", "Bo");

        String requestId = first.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Hola, Ada! initialized 1 time(s); request " + requestId);
        assertThat(second.body()).startsWith("Hola, Bo! initialized 1 time(s)");
        String container = String.valueOf(sluice.instances("greet").get(0).containerId());
        List<String> logs = sluice.docker().logs(container, 200);
        assertThat(logs).anyMatch(l -> l.contains(" " + requestId + " [INFO] greeting Ada"));
        assertThat(logs).contains("FC Invoke Start RequestId: " + requestId, "FC Invoke End RequestId: " + requestId);
    }

    @Test
    void tenCallsRunAtOnceInOneInstance() {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(sluice.sendAsync("/invoke/greet", "together"));
        }

        // Each call waits in the function until all ten are in it: one instance ran them at the same time.
        assertThat(calls.stream().map(CompletableFuture::join).map(HttpResponse::body))
                .containsOnly("together");
        assertThat(sluice.instances("greet")).hasSize(1);
    }

    @Test
    void aRaisingFunctionAnswersFcsErrorAndTheInstanceServesOn() throws Exception {
        HttpResponse<String> failed = sluice.invoke("greet", "fail");

        assertThat(failed.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        JsonNode error = JSON.readTree(failed.body());
        assertThat(error.get("errorMessage").asText()).isEqualTo("asked to fail");
        assertThat(error.get("errorType").asText()).isEqualTo("ValueError");
        assertThat(error.get("stackTrace").toString()).contains("index.py").doesNotContain("bootstrap.py");
        assertThat(sluice.invoke("greet", "after").body()).startsWith("Hola, after!");
    }

    @Test
    void aWsgiFunctionSeesQueryHeadersAndCookiesAndSetsTwoCookies() throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/py/orders?id=3&tag=a"))
                        .header("x-demo", "hi")
                        .header("Cookie", "user=ada")
                        .POST(HttpRequest.BodyPublishers.ofString("payload"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-handled-by")).hasValue("wsgi");
        assertThat(response.headers().allValues("set-cookie")).containsExactly("session=abc; Path=/", "theme=dark");
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.get("method").asText()).isEqualTo("POST");
        assertThat(seen.get("path").asText()).isEqualTo("/py/orders");
        assertThat(seen.get("query").asText()).isEqualTo("id=3&tag=a");
        assertThat(seen.get("demo").asText()).isEqualTo("hi");
        assertThat(seen.get("cookie").asText()).isEqualTo("user=ada");
        assertThat(seen.get("body").asText()).isEqualTo("payload");
        assertThat(seen.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Fc-Request-Id").orElseThrow());
    }

    @Test
    void fiveMebibytesGoThroughAWsgiFunctionBothWays() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024];
        new Random(7).nextBytes(body);

        HttpResponse<byte[]> response = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/py/echo"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(response.body(), body))
                .as("the echo equals the body")
                .isTrue();
    }

    @Test
    void aDependencyInstalledWithPipNextToTheCodeIsImported() throws Exception {
        HttpResponse<String> response = sluice.invoke("shout", "hello");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("HELLO!");
    }
}
