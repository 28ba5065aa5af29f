package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The nodejs20 runtime on real Docker: an event function with an initializer, and an HTTP function. */
class NodeRuntimeIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        Path functions = TestFunctions.nodeFunctions();
        sluice = LocalSluice.deploy(
                """
                functions:
                  greet:
                    runtime: nodejs20
                    code: EVENT_DIR
                    handler: index.handler
                    initializer: index.initializer
                    instanceConcurrency: 4
                    env: { GREETING: Hola }
                  web:
                    runtime: nodejs20
                    code: HTTP_DIR
                    handler: index.handler
                    triggers:
                      - http: { path: /node }
                """
                        .replace("EVENT_DIR", functions.resolve("event").toString())
                        .replace("HTTP_DIR", functions.resolve("http").toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void anEventFunctionRunsAfterItsInitializerOnceWithItsEnvironment() throws Exception {
        HttpResponse<String> first = sluice.invoke("greet", "Ada");
        HttpResponse<String> second = sluice.invoke("greet", "Bo");

        String requestId = first.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("Hola, Ada! initialized 1 time(s); request " + requestId);
        assertThat(second.body()).startsWith("Hola, Bo! initialized 1 time(s)");
        String container = String.valueOf(sluice.instances("greet").get(0).containerId());
        List<String> logs = sluice.docker().logs(container, 100);
        assertThat(logs).anyMatch(l -> l.contains(requestId) && l.contains("[INFO] greeting Ada"));
    }

    @Test
    void concurrentRequestsShareOneInstanceUpToItsConcurrency() throws Exception {
        sluice.invoke("greet", "warm");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return sluice.invoke("greet", "sleep300");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }

        assertThat(calls.stream().map(CompletableFuture::join).map(HttpResponse::statusCode))
                .containsOnly(200);
        assertThat(sluice.instances("greet")).hasSize(1);
    }

    @Test
    void aCallbackErrorIsAnUnhandledInvocationErrorAndTheInstanceLivesOn() throws Exception {
        HttpResponse<String> failed = sluice.invoke("greet", "fail");

        assertThat(failed.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        assertThat(failed.body()).contains("asked to fail");
        assertThat(sluice.invoke("greet", "after").body()).startsWith("Hola, after!");
    }

    @Test
    void anHttpFunctionSeesTheRequestAndShapesTheResponse() throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/node/x?id=3"))
                        .header("x-demo", "hi")
                        .POST(HttpRequest.BodyPublishers.ofString("payload"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-handled-by")).hasValue("web");
        assertThat(response.body())
                .contains("\"method\":\"POST\"")
                .contains("\"path\":\"/node/x\"")
                .contains("\"id\":\"3\"")
                .contains("\"demo\":\"hi\"")
                .contains("\"body\":\"payload\"");
    }
}
