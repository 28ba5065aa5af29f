package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** FC's invoke APIs, 3.0 and 2.0, with {@code X-Fc-Log-Type: Tail}: the call's own log in {@code x-fc-log-result}. */
class InvokeApiIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    static Stream<String> urls() {
        return Stream.of(
                "/2023-03-30/functions/logs/invocations", "/2016-08-15/services/any/functions/logs/invocations");
    }

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                functions:
                  logs:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.LogsEvent::handleRequest
                    memory: 256Mi
                    timeout: 30s
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

    @ParameterizedTest
    @MethodSource("urls")
    void tailAnswersTheBase64OfTheCallsOwnLogLines(String url) throws Exception {
        sluice.send(invoke(url, "warm-up", false));

        HttpResponse<String> response = sluice.send(invoke(url, "the event", true));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("the event");
        String requestId = response.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        String log = new String(
                Base64.getDecoder()
                        .decode(response.headers().firstValue("x-fc-log-result").orElseThrow()),
                StandardCharsets.UTF_8);
        assertThat(log)
                .startsWith("FC Invoke Start RequestId: " + requestId)
                .contains("event: the event")
                .doesNotContain("warm-up")
                .endsWith("FC Invoke End RequestId: " + requestId + "\n");
    }

    @ParameterizedTest
    @MethodSource("urls")
    void withoutTailThereIsNoLogResult(String url) throws Exception {
        HttpResponse<String> response = sluice.send(invoke(url, "quiet", false));

        assertThat(response.body()).isEqualTo("quiet");
        assertThat(response.headers().firstValue("x-fc-log-result")).isEmpty();
    }

    private static HttpRequest invoke(String url, String event, boolean tail) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(sluice.base().resolve(url)).POST(HttpRequest.BodyPublishers.ofString(event));
        if (tail) {
            request.header("X-Fc-Log-Type", "Tail");
        }
        return request.build();
    }
}
