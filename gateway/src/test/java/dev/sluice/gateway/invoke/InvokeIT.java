package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The invoke path end to end on real Docker: cold start, warm reuse, and what callers get when things fail. */
class InvokeIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        String functions = TestFunctions.jar().toString();
        String hello = TestFunctions.samples().resolve("hello/target/hello.jar").toString();
        String yaml =
                """
                functions:
                  hello:
                    runtime: java17
                    code: HELLO_JAR
                    handler: example.hello.HelloHandler::handleRequest
                    initializer: example.hello.HelloHandler::initialize
                  counted:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.InitCounter::handleRequest
                    initializer: dev.sluice.testing.functions.InitCounter::initialize
                  failing-init:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.FailingInit::handleRequest
                    initializer: dev.sluice.testing.functions.FailingInit::initialize
                  slow-init:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.SlowInit::handleRequest
                    initializer: dev.sluice.testing.functions.SlowInit::initialize
                    initializationTimeout: 2s
                  greeter:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.Greeter::handleRequest
                  throws:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.Throws::handleRequest
                  sleep:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.Sleep::handleRequest
                    timeout: 1s
                """
                        .replace("FUNCTIONS_JAR", functions)
                        .replace("HELLO_JAR", hello);
        Files.writeString(dir.resolve("functions.yml"), yaml);
        sluice = LocalSluice.deploy(yaml, dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining())
                    .as("containers left after close")
                    .isEmpty();
        }
    }

    @Test
    void helloAnswersAndItsSecondCallReusesTheWarmContainer() throws Exception {
        HttpResponse<String> first = sluice.invoke("hello", "world");
        HttpResponse<String> second = sluice.invoke("hello", "again");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("Hello, world!");
        assertThat(first.headers().firstValue("X-Fc-Request-Id")).isPresent();
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(second.body()).startsWith("Hello, again!");
        // The initializer stamps its instance; the same stamp means the same warm instance, no second cold start.
        assertThat(stamp(second.body())).isEqualTo(stamp(first.body()));
        List<InstanceView> instances = sluice.instances("hello");
        assertThat(instances).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(InstanceState.READY);
            assertThat(i.coldStart()).isNotNull();
        });
    }

    @Test
    void anAsyncInvocationIsAcceptedAtOnceAndItsResultFetchedLater() throws Exception {
        HttpResponse<String> accepted =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/invoke/sleep"))
                        .header("X-Fc-Invocation-Type", "Async")
                        .POST(HttpRequest.BodyPublishers.ofString("300"))
                        .build());
        String requestId = accepted.headers().firstValue("X-Fc-Request-Id").orElseThrow();

        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(accepted.body()).contains(requestId).contains("/system/invocations/" + requestId);
        String outcome = "";
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
        while (!outcome.contains("\"Succeeded\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            outcome = sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/invocations/" + requestId))
                            .build())
                    .body();
        }
        assertThat(outcome).contains("\"state\":\"Succeeded\"").contains("\"result\":\"slept 300 ms\"");
        HttpResponse<String> unknown =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/invocations/nope"))
                        .build());
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    @Test
    void fcsInvokeApiUrlInvokesTheFunctionToo() throws Exception {
        HttpResponse<String> response = sluice.send(HttpRequest.newBuilder(
                        sluice.base().resolve("/2016-08-15/services/todolist/functions/hello/invocations"))
                .POST(HttpRequest.BodyPublishers.ofString("api"))
                .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("Hello, api!");
    }

    @Test
    void theInitializerRunsExactlyOnceAndBeforeTheFirstInvocation() throws Exception {
        for (int n = 1; n <= 3; n++) {
            HttpResponse<String> response = sluice.invoke("counted", "");
            assertThat(response.body()).isEqualTo("initialized 1 time(s) before invocation " + n);
        }
        String container = sluice.instances("counted").get(0).containerId();
        List<String> logs = sluice.docker().logs(String.valueOf(container), 200);
        assertThat(logs.stream().filter(l -> l.startsWith("FC Initialize Start")))
                .hasSize(1);
        int initEnd = indexOf(logs, "FC Initialize End");
        int firstInvoke = indexOf(logs, "FC Invoke Start");
        assertThat(initEnd).isNotNegative().isLessThan(firstInvoke);
    }

    @Test
    void aThrowingInitializerFailsTheRequestWith503AndTheNextRequestGetsAFreshInstance() throws Exception {
        HttpResponse<String> first = sluice.invoke("failing-init", "x");
        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("X-Fc-Error-Type")).hasValue("InitializationError");
        assertThat(first.body())
                .contains("cannot reach the database at db:9092")
                .contains("failing-init-1");
        assertThat(first.body()).doesNotContain("the handler must never run");
        assertThat(sluice.awaitRemoved("failing-init-1"))
                .as("failing-init-1's container is removed")
                .isTrue();

        HttpResponse<String> second = sluice.invoke("failing-init", "x");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("failing-init-2");
        assertThat(sluice.instances("failing-init")).isEmpty();
    }

    @Test
    void anInitializerPastItsTimeoutFailsWith503AndItsContainerIsRemoved() throws Exception {
        HttpResponse<String> first = sluice.invoke("slow-init", "x");

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(first.headers().firstValue("X-Fc-Error-Type")).hasValue("InitializationError");
        assertThat(first.body()).contains("slow-init-1", "did not finish within 2000 ms (initializationTimeout)");
        assertThat(sluice.instances("slow-init")).isEmpty();
        assertThat(sluice.awaitRemoved("slow-init-1"))
                .as("slow-init-1's container is removed")
                .isTrue();
        HttpResponse<String> second = sluice.invoke("slow-init", "x");
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(second.body()).contains("slow-init-2");
    }

    @Test
    void aHandlerPastTheFunctionTimeoutGets504AndTheNextCallIsServed() throws Exception {
        HttpResponse<String> slow = sluice.invoke("sleep", "5000");
        HttpResponse<String> quick = sluice.invoke("sleep", "10");

        assertThat(slow.statusCode()).isEqualTo(504);
        assertThat(slow.headers().firstValue("X-Fc-Error-Type")).hasValue("FunctionTimeout");
        assertThat(quick.statusCode()).isEqualTo(200);
        assertThat(quick.body()).isEqualTo("slept 10 ms");
    }

    @Test
    void aPojoHandlerTakesAndReturnsJsonAndSeesItsRequestId() throws Exception {
        HttpResponse<String> response = sluice.invoke("greeter", "{\"name\": \"Ada\", \"extra\": 1}");

        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Fc-Request-Id").orElseThrow();
        assertThat(response.body())
                .contains("\"greeting\":\"Hello, Ada!\"")
                .contains("\"requestId\":\"" + requestId + "\"")
                .contains("\"function\":\"greeter\"");
    }

    @Test
    void aFunctionErrorReachesTheCallerAsAnUnhandledInvocationError() throws Exception {
        HttpResponse<String> response = sluice.invoke("throws", "x");

        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue("UnhandledInvocationError");
        assertThat(response.body()).contains("order 42 not found").contains("IllegalStateException");
        // The instance survives a function error and serves the next call.
        assertThat(sluice.invoke("throws", "y").body()).contains("order 42 not found");
        assertThat(sluice.instances("throws"))
                .singleElement()
                .extracting(InstanceView::state)
                .isEqualTo(InstanceState.READY);
    }

    @Test
    void anUnknownFunctionIs404AndABodyOverTheLimitIs413() throws Exception {
        HttpResponse<String> unknown = sluice.invoke("nope", "x");
        HttpResponse<String> tooLarge =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/invoke/hello"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[33 * 1024 * 1024]))
                        .build());

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Fc-Error-Type")).isPresent();
        assertThat(unknown.body()).contains("FunctionNotFound", "nope", "is not deployed");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(tooLarge.headers().firstValue("X-Fc-Request-Id")).isPresent();
    }

    private static String stamp(String body) {
        return body.substring(body.indexOf("(instance initialized at"));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
