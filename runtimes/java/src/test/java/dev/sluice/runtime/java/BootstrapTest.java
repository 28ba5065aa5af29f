package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime end to end in this JVM: the real {@link Bootstrap} on a free port, functions compiled at test time, and
 * the platform's calls made over HTTP.
 */
class BootstrapTest {
    private static final String COUNTING = "fn.Counting::handleRequest";
    private static final String COUNTING_INIT = "fn.Counting::initialize";
    private static final String FAILING_INIT = "fn.FailingInit::initialize";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;

    static Path code;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private Bootstrap runtime;

    @BeforeAll
    static void compileFunctions() throws IOException {
        code = FunctionSources.compile(
                temp.resolve("code"),
                Map.of(
                        "fn.Counting", COUNTING_SOURCE,
                        "fn.FailingInit", FAILING_INIT_SOURCE,
                        "fn.Throws", THROWS_SOURCE,
                        "fn.Greeter", GREETER_SOURCE,
                        "fn.EnvEcho", ENV_ECHO_SOURCE));
    }

    @AfterEach
    void closeRuntime() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void initializeThenInvokeRunsTheHandlerOnTheInitializedInstance() throws Exception {
        start(COUNTING, COUNTING_INIT);

        HttpResponse<String> init = post("/initialize", "req-init", "");
        HttpResponse<String> invoke = post("/invoke", "req-1", "ping");

        assertThat(init.statusCode()).isEqualTo(200);
        assertThat(invoke.statusCode()).isEqualTo(200);
        assertThat(invoke.body()).isEqualTo("initialized 1 time(s); request req-1; event ping");
        assertThat(invoke.headers().firstValue("x-fc-status")).isEmpty();
    }

    @Test
    void aSecondInitializeDoesNotRunTheInitializerAgain() throws Exception {
        start(COUNTING, COUNTING_INIT);

        HttpResponse<String> first = post("/initialize", "req-init-1", "");
        HttpResponse<String> second = post("/initialize", "req-init-2", "");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(logLinesContaining("[INFO] initializing")).hasSize(1);
        assertThat(post("/invoke", "req-1", "ping").body()).startsWith("initialized 1 time(s);");
    }

    @Test
    void aThrowingInitializerFailsEveryInitializeWithTheSameErrorWithoutRunningAgain() throws Exception {
        start(COUNTING, FAILING_INIT);

        HttpResponse<String> first = post("/initialize", "req-init-1", "");
        HttpResponse<String> second = post("/initialize", "req-init-2", "");

        for (HttpResponse<String> reply : List.of(first, second)) {
            assertThat(reply.statusCode())
                    .as("an initializer failure is not 2xx")
                    .isEqualTo(404);
            assertThat(reply.headers().firstValue("x-fc-status")).hasValue("404");
            assertThat(json(reply).get("message").asText()).isEqualTo("database unreachable (attempt 1)");
            assertThat(json(reply).get("errorType").asText()).isEqualTo("IllegalStateException");
        }
    }

    @Test
    void anInvokeAfterAFailedInitializerIsRefusedWithItsFailure() throws Exception {
        start(COUNTING, FAILING_INIT);
        post("/initialize", "req-init", "");

        HttpResponse<String> invoke = post("/invoke", "req-1", "ping");

        assertThat(invoke.statusCode()).isEqualTo(404);
        assertThat(invoke.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(json(invoke).get("errorType").asText()).isEqualTo("InitializationException");
        assertThat(json(invoke).get("message").asText())
                .isEqualTo("initializer fn.FailingInit::initialize failed, so this instance cannot run the handler:"
                        + " database unreachable (attempt 1)");
        assertThat(logLinesContaining("[INFO] handling")).isEmpty();
    }

    @Test
    void anInvokeBeforeInitializeIsRefusedWhenAnInitializerIsConfigured() throws Exception {
        start(COUNTING, COUNTING_INIT);

        HttpResponse<String> early = post("/invoke", "req-early", "ping");

        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(early.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(json(early).get("message").asText())
                .isEqualTo("initializer fn.Counting::initialize has not run yet;"
                        + " the handler runs only after POST /initialize succeeded");
        assertThat(logLinesContaining("[INFO] handling")).isEmpty();

        assertThat(post("/initialize", "req-init", "").statusCode()).isEqualTo(200);
        assertThat(post("/invoke", "req-1", "ping").body()).startsWith("initialized 1 time(s);");
    }

    @Test
    void aThrowingHandlerAnswers404WithXFcStatusAndAnErrorBodyNamingTheMessage() throws Exception {
        start("fn.Throws::handleRequest", null);

        HttpResponse<String> reply = post("/invoke", "req-1", "boom");

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(Replies.JSON);
        JsonNode body = json(reply);
        assertThat(body.get("message").asText()).isEqualTo("bad event: boom");
        assertThat(body.get("errorMessage").asText()).isEqualTo("bad event: boom");
        assertThat(body.get("errorType").asText()).isEqualTo("IllegalArgumentException");
        // Frames read as users' own code, like docs/http-api.md shows: no class-loader prefix ("function//fn...").
        assertThat(body.get("stack").asText())
                .startsWith("java.lang.IllegalArgumentException: bad event: boom")
                .contains("\tat fn.Throws.handleRequest(Throws.java:");
        assertThat(body.get("stackTrace")).hasSize(1);
        assertThat(body.get("stackTrace").get(0).asText()).startsWith("at fn.Throws.handleRequest(Throws.java:");
        assertThat(logLinesContaining("req-1 [ERROR] java.lang.IllegalArgumentException: bad event: boom"))
                .hasSize(1);

        HttpResponse<String> next = post("/invoke", "req-2", "fine");
        assertThat(next.statusCode())
                .as("one failing call leaves the server serving")
                .isEqualTo(200);
        assertThat(next.body()).isEqualTo("fine");
    }

    @Test
    void theRequestIdReachesTheFunctionAndFramesItsCallInTheLog() throws Exception {
        start(COUNTING, COUNTING_INIT);
        post("/initialize", "req-init", "");

        HttpResponse<String> reply = post("/invoke", "req-42", "ping");

        assertThat(reply.body()).contains("request req-42;");
        assertThat(reply.headers().firstValue("x-fc-request-id")).hasValue("req-42");
        List<String> lines = log().lines().toList();
        assertThat(lines)
                .containsSubsequence(
                        "FC Initialize Start RequestId: req-init",
                        "FC Initialize End RequestId: req-init",
                        "FC Invoke Start RequestId: req-42",
                        "FC Invoke End RequestId: req-42");
        int start = lines.indexOf("FC Invoke Start RequestId: req-42");
        int end = lines.indexOf("FC Invoke End RequestId: req-42");
        assertThat(lines.subList(start, end))
                .as("the function's log line, between the markers and tagged with the request id")
                .anyMatch(line -> line.endsWith(" req-42 [INFO] handling ping"));
    }

    @Test
    void aCallWithoutARequestIdGetsAMadeUpOne() throws Exception {
        start("fn.Counting::handleRequest", null);

        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri("/invoke"))
                .POST(HttpRequest.BodyPublishers.ofString("ping"))
                .build());

        String requestId = reply.headers().firstValue("x-fc-request-id").orElseThrow();
        assertThat(requestId).startsWith("local-");
        assertThat(reply.body()).contains("request " + requestId + ";");
        assertThat(log()).contains("FC Invoke Start RequestId: " + requestId, "FC Invoke End RequestId: " + requestId);
    }

    @Test
    void aPojoHandlerGetsItsEventAsAnObjectAndAnswersJson() throws Exception {
        start("fn.Greeter::handleRequest", null);

        HttpResponse<String> init = post("/initialize", "req-init", "");
        HttpResponse<String> reply = post("/invoke", "req-1", "{\"name\":\"Ada\",\"unknown\":true}");

        assertThat(init.statusCode())
                .as("no initializer configured: nothing to do")
                .isEqualTo(200);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(reply.body()))
                .isEqualTo(JSON.readTree("{\"greeting\":\"hello, Ada (req-1)\",\"length\":3}"));
    }

    @Test
    void anUnknownPathIsAProtocolErrorNotAFunctionError() throws Exception {
        start(COUNTING, null);

        HttpResponse<String> reply = post("/invokeX", "req-1", "");

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("x-fc-status")).isEmpty();
        assertThat(json(reply).get("errorMessage").asText())
                .isEqualTo("unknown path /invokeX (expected: /invoke, /initialize, /pre-stop, /pre-freeze or"
                        + " /specialize; an HTTP-trigger call may have any path but carries x-fc-control-path:"
                        + " /http-invoke)");
    }

    @Test
    void closingTheRuntimeStopsServing() throws Exception {
        start(COUNTING, null);
        assertThat(post("/invoke", "req-1", "ping").statusCode()).isEqualTo(200);
        URI invoke = uri("/invoke");

        runtime.close();
        runtime = null;

        assertThatThrownBy(() -> send(HttpRequest.newBuilder(invoke)
                        .POST(HttpRequest.BodyPublishers.ofString("ping"))
                        .build()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void aStemCellTakesItsFunctionsEnvironmentOnceFromSpecialize() throws Exception {
        start(null, null);

        HttpResponse<String> specialized =
                post("/specialize", "req-s", "SLUICE_TEST_GREETING=hi+there&SLUICE_TEST_SIGN=%26");
        HttpResponse<String> invoke = send(HttpRequest.newBuilder(uri("/invoke"))
                .header("x-fc-request-id", "req-1")
                .header("x-fc-function-handler", "fn.EnvEcho::handleRequest")
                .POST(HttpRequest.BodyPublishers.ofString("SLUICE_TEST_GREETING,SLUICE_TEST_SIGN"))
                .build());
        HttpResponse<String> again = post("/specialize", "req-s2", "SLUICE_TEST_GREETING=other");

        assertThat(specialized.statusCode()).isEqualTo(200);
        assertThat(invoke.body()).isEqualTo("hi there|&");
        assertThat(again.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(again.body()).contains("already specialized");
        assertThat(System.getenv("SLUICE_TEST_GREETING")).isEqualTo("hi there");
    }

    @Test
    void specializeRefusesAVariableWithoutAName() throws Exception {
        start(null, null);

        HttpResponse<String> refused = post("/specialize", "req-s", "=value");

        assertThat(refused.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(refused.body()).contains("without a name");
    }

    private void start(@Nullable String handler, @Nullable String initializer) throws Exception {
        LogWriter log = new LogWriter(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        runtime = Bootstrap.start(new RuntimeConfig(0, handler, initializer, code, Map.of()), log);
        assertThat(runtime.port()).isPositive();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + runtime.port() + path);
    }

    private HttpResponse<String> post(String path, String requestId, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path))
                .header("x-fc-request-id", requestId)
                .header("x-fc-control-path", path)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpRequest withTimeout = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(TIMEOUT)
                .build();
        return HTTP.send(withTimeout, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> reply) throws IOException {
        return JSON.readTree(reply.body());
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }

    private List<String> logLinesContaining(String text) {
        return log().lines().filter(line -> line.contains(text)).toList();
    }

    /** Counts its initializations; the handler reports the count it sees, the request id and the event. */
    private static final String COUNTING_SOURCE =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.FunctionInitializer;
            import com.aliyun.fc.runtime.StreamRequestHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;
            import java.util.concurrent.atomic.AtomicInteger;

            public class Counting implements StreamRequestHandler, FunctionInitializer {
                private static final AtomicInteger INITIALIZATIONS = new AtomicInteger();
                private volatile String state = "not initialized";

                @Override
                public void initialize(Context context) {
                    context.getLogger().info("initializing");
                    state = "initialized " + INITIALIZATIONS.incrementAndGet() + " time(s)";
                }

                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    context.getLogger().info("handling " + event);
                    String reply = state + "; request " + context.getRequestId() + "; event " + event;
                    out.write(reply.getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    /** An initializer that always fails, saying which attempt it was. */
    private static final String FAILING_INIT_SOURCE =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.FunctionInitializer;
            import java.util.concurrent.atomic.AtomicInteger;

            public class FailingInit implements FunctionInitializer {
                private static final AtomicInteger ATTEMPTS = new AtomicInteger();

                @Override
                public void initialize(Context context) {
                    throw new IllegalStateException("database unreachable (attempt " + ATTEMPTS.incrementAndGet() + ")");
                }
            }
            """;

    /** Throws for the event "boom", echoes any other. */
    private static final String THROWS_SOURCE =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.StreamRequestHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;

            public class Throws implements StreamRequestHandler {
                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    byte[] event = in.readAllBytes();
                    if (new String(event, StandardCharsets.UTF_8).equals("boom")) {
                        throw new IllegalArgumentException("bad event: boom");
                    }
                    out.write(event);
                }
            }
            """;

    /** A Pojo handler with its own event and result classes. */
    private static final String ENV_ECHO_SOURCE =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.StreamRequestHandler;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;

            public class EnvEcho implements StreamRequestHandler {
                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws java.io.IOException {
                    StringBuilder reply = new StringBuilder();
                    for (String name : new String(in.readAllBytes(), StandardCharsets.UTF_8).split(",")) {
                        reply.append(reply.length() == 0 ? "" : "|").append(System.getenv(name));
                    }
                    out.write(reply.toString().getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    private static final String GREETER_SOURCE =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.PojoRequestHandler;

            public class Greeter implements PojoRequestHandler<Greeter.Request, Greeter.Reply> {
                public static class Request {
                    public String name;
                }

                public static class Reply {
                    public String greeting;
                    public int length;
                }

                @Override
                public Reply handleRequest(Request request, Context context) {
                    Reply reply = new Reply();
                    reply.greeting = "hello, " + request.name + " (" + context.getRequestId() + ")";
                    reply.length = request.name.length();
                    return reply;
                }
            }
            """;
}
