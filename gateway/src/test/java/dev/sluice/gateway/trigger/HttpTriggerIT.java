package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP triggers on real Docker: a Java HttpRequestHandler behind a trigger path and FC's proxy URL. */
class HttpTriggerIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                functions:
                  rules:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.HttpEcho::handleRequest
                    triggers:
                      - http: { path: /api/rule, methods: [GET, POST, PUT] }
                """
                        .replace("FUNCTIONS_JAR", TestFunctions.jar().toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve(path))
                .header("x-demo", "hi")
                .method(method, HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    @Test
    void theRequestReachesTheFunctionUnchangedAndItsResponseComesBack() throws Exception {
        HttpResponse<String> response = send("POST", "/api/rule/7?id=3", "{\"name\":\"todo\"}");

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("POST /api/rule/7 id=3 x-demo=hi body={\"name\":\"todo\"}");
        assertThat(response.headers().firstValue("x-handled-by")).hasValue("rules");
        assertThat(response.headers().firstValue("content-type").orElseThrow().replace(" ", ""))
                .isEqualToIgnoringCase("text/plain;charset=utf-8");
        assertThat(response.headers().firstValue("X-Fc-Request-Id")).isPresent();
    }

    @Test
    void fcsProxyUrlReachesTheSameFunctionWithThePathAfterIt() throws Exception {
        HttpResponse<String> response = send("GET", "/2016-08-15/proxy/todolist/rules/api/rule?id=9", "");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("GET /api/rule id=9 x-demo=hi body=");
    }

    @Test
    void aMethodTheTriggerDoesNotAcceptIs405AndAnUncoveredPath404() throws Exception {
        HttpResponse<String> delete = send("DELETE", "/api/rule/7", "");
        HttpResponse<String> elsewhere = send("GET", "/api/rules", "");

        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(delete.headers().firstValue("Allow")).hasValue("GET, POST, PUT");
        assertThat(elsewhere.statusCode()).isEqualTo(404);
    }

    @Test
    void aFunctionErrorIs500WithTheErrorType() throws Exception {
        HttpResponse<String> response = send("GET", "/api/rule/boom", "");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        assertThat(response.body()).contains("boom at /api/rule/boom");
    }

    @Test
    void anAsynchronousCallIsAcceptedAtOnceAndItsOutcomeKept() throws Exception {
        HttpResponse<String> accepted =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/api/rule/9"))
                        .header("X-Fc-Invocation-Type", "Async")
                        .header("x-demo", "later")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build());

        assertThat(accepted.statusCode()).isEqualTo(202);
        String requestId = accepted.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        String result = "";
        for (int i = 0; i < 300 && !result.contains("Succeeded"); i++) {
            result = send("GET", "/system/invocations/" + requestId, "").body();
            Thread.sleep(100); // the call runs in the background; its outcome appears when it is done
        }
        assertThat(result).contains("\"statusCode\":201").contains("POST /api/rule/9 id=null x-demo=later body={}");
    }
}
