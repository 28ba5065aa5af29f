package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceView;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One protocol suite, run against every runtime image the way Caffeine runs the same suites against every cache:
 * the initializer runs at most once and before any traffic, function errors are signalled, the context carries
 * FC's headers, large bodies round-trip byte for byte, and one instance serves concurrent requests. Each runtime
 * runs the same {@code Conformance} function, written in its language.
 */
class RuntimeConformanceIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;
    private final HttpClient http = HttpClient.newHttpClient();

    static Stream<String> runtimes() {
        return Stream.of("java17", "nodejs20", "python3");
    }

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                functions:
                  java17:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.Conformance::handleRequest
                    initializer: dev.sluice.testing.functions.Conformance::initialize
                    memory: 256Mi
                    instanceConcurrency: 4
                    maxInstances: 1
                    timeout: 30s
                  nodejs20:
                    runtime: nodejs20
                    code: NODE_DIR
                    handler: index.handler
                    initializer: index.initializer
                    memory: 256Mi
                    instanceConcurrency: 4
                    maxInstances: 1
                    timeout: 30s
                  python3:
                    runtime: python3
                    code: PYTHON_DIR
                    handler: index.handler
                    initializer: index.initializer
                    memory: 256Mi
                    instanceConcurrency: 4
                    maxInstances: 1
                    timeout: 30s
                """
                        .replace("FUNCTIONS_JAR", TestFunctions.jar().toString())
                        .replace(
                                "PYTHON_DIR",
                                TestFunctions.pythonFunctions()
                                        .resolve("conformance")
                                        .toString())
                        .replace(
                                "NODE_DIR",
                                TestFunctions.nodeFunctions()
                                        .resolve("conformance")
                                        .toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void theInitializerRunsOnceAndBeforeAnyRequest(String runtime) throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(sluice.invoke(runtime, "init").body()).isEqualTo("1");
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aFunctionErrorIsSignalledAndTheInstanceServesOn(String runtime) throws Exception {
        HttpResponse<String> failed = sluice.invoke(runtime, "fail");

        assertThat(failed.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        assertThat(failed.body()).contains("asked to fail");
        assertThat(sluice.invoke(runtime, "init").body()).isEqualTo("1");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void theContextCarriesTheRequestIdAndTheFunctionsParameters(String runtime) throws Exception {
        HttpResponse<String> response = sluice.invoke(runtime, "context");

        String requestId = response.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        assertThat(response.body())
                .contains("\"requestId\":\"" + requestId + "\"")
                .contains("\"function\":\"" + runtime + "\"")
                .contains("\"memory\":\"256\"");
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void theContextCarriesTheCallersTraceWithTheGatewaysSpan(String runtime) throws Exception {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(sluice.base().resolve("/invoke/" + runtime))
                        .header("traceparent", caller)
                        .POST(HttpRequest.BodyPublishers.ofString("trace"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.body())
                .matches("00-4bf92f3577b34da6a3ce929d0e0e4736-[0-9a-f]{16}-01")
                .isNotEqualTo(caller);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aLargeBinaryBodyRoundTripsByteForByte(String runtime) throws Exception {
        byte[] event = new byte[8 * 1024 * 1024 + 1];
        new Random(42).nextBytes(event);

        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(sluice.base().resolve("/invoke/" + runtime))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Arrays.equals(response.body(), event))
                .as("the echo equals the event")
                .isTrue();
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void aReplyOverTheLimitIsRefusedAndTheInstanceServesOn(String runtime) throws Exception {
        String instance = sluice.instances(runtime).get(0).id();

        HttpResponse<String> refused = sluice.invoke(runtime, "bytes:" + (33 * 1024 * 1024 + 1));

        assertThat(refused.statusCode()).isEqualTo(502);
        assertThat(refused.headers().firstValue("X-Fc-Error-Type")).hasValue("ResponseTooLarge");
        assertThat(sluice.invoke(runtime, "bytes:5").body()).isEqualTo("xxxxx");
        assertThat(sluice.instances(runtime)).extracting(InstanceView::id).containsExactly(instance);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void oneInstanceRunsConcurrentRequestsAtTheSameTime(String runtime) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(sluice.base().resolve("/invoke/" + runtime))
                            .POST(HttpRequest.BodyPublishers.ofString("sleep:1000"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        List<long[]> intervals = calls.stream()
                .map(CompletableFuture::join)
                .peek(r -> assertThat(r.statusCode()).isEqualTo(200))
                .map(r -> Arrays.stream(r.body().split(","))
                        .mapToLong(Long::parseLong)
                        .toArray())
                .toList();

        long lastStart = intervals.stream().mapToLong(i -> i[0]).max().orElseThrow();
        long firstEnd = intervals.stream().mapToLong(i -> i[1]).min().orElseThrow();
        assertThat(lastStart)
                .as("all four ran at once: the last started before the first ended")
                .isLessThan(firstEnd);
        assertThat(sluice.instances(runtime)).hasSize(1);
    }
}
