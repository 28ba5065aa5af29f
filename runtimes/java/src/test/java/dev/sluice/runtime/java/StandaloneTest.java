package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runtime with no platform in front ({@code SLUICE_STANDALONE}): initialized before it listens, plain calls. */
class StandaloneTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    @TempDir
    static Path temp;

    static Path code;

    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private @Nullable Bootstrap runtime;

    @BeforeAll
    static void compileFunctions() throws IOException {
        Map<String, String> sources = new HashMap<>(HttpTriggerFunctions.sources());
        sources.put("fn.Counter", COUNTER);
        sources.put("fn.Stuck", STUCK);
        code = FunctionSources.compile(temp.resolve("code"), sources);
    }

    @AfterEach
    void closeRuntime() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void eventModeRunsTheInitializerBeforeListeningAndTakesAPlainPostAsTheEvent() throws Exception {
        Bootstrap started = start("event", "fn.Counter::handleRequest", "fn.Counter::initialize", Map.of());

        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(started, "/"))
                .POST(HttpRequest.BodyPublishers.ofString("ping"))
                .build());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("initialized 1 time(s); event ping");
        assertThat(reply.headers().firstValue("x-fc-request-id"))
                .hasValueSatisfying(id -> assertThat(id).startsWith("local-"));
        String log = logBytes.toString(StandardCharsets.UTF_8);
        assertThat(log.indexOf("FC Initialize End RequestId: init-"))
                .isNotNegative()
                .isLessThan(log.indexOf("listening on"));
    }

    @Test
    void eventModeIgnoresTheClientsControlPathAndRefusesOtherMethods() throws Exception {
        Bootstrap started = start("event", "fn.Counter::handleRequest", "fn.Counter::initialize", Map.of());

        HttpResponse<String> asInit = send(HttpRequest.newBuilder(uri(started, "/initialize"))
                .header("x-fc-control-path", "/initialize")
                .POST(HttpRequest.BodyPublishers.ofString("again"))
                .build());
        HttpResponse<String> get =
                send(HttpRequest.newBuilder(uri(started, "/")).GET().build());

        assertThat(asInit.body()).isEqualTo("initialized 1 time(s); event again");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).hasValue("POST");
        assertThat(get.body()).contains("this function takes events");
    }

    @Test
    void httpModeHandsEveryRequestToTheHttpHandlerWithoutTheClientsFcHeaders() throws Exception {
        Bootstrap started = start("http", "fn.Echo::handleRequest", null, Map.of());

        HttpResponse<String> reply = send(HttpRequest.newBuilder(uri(started, "/api/rule?x=1&tag=a"))
                .header("x-fc-access-key-secret", "from the client")
                .header("x-custom", "kept")
                .PUT(HttpRequest.BodyPublishers.ofString("body"))
                .build());

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.body())
                .contains("\"method\":\"PUT\"")
                .contains("\"uri\":\"/api/rule\"")
                .contains("\"x\":\"1\"")
                .contains("\"custom\":\"kept\"")
                .contains("\"body\":\"body\"")
                .doesNotContain("from the client");
    }

    @Test
    void aFailingInitializerKeepsThePortClosed() {
        assertThatThrownBy(() -> start("http", "fn.HttpInit::handleRequest", "fn.Counter::fail", Map.of()))
                .isInstanceOf(InitializationException.class)
                .hasMessage("initializer fn.Counter::fail failed: cannot reach the database");
        assertThat(logBytes.toString(StandardCharsets.UTF_8))
                .contains("[ERROR] java.lang.IllegalStateException: cannot reach the database")
                .doesNotContain("listening on");
    }

    @Test
    void anInitializerPastItsTimeoutKeepsThePortClosed() {
        assertThatThrownBy(() -> start(
                        "event",
                        "fn.Counter::handleRequest",
                        "fn.Stuck::initialize",
                        Map.of("FC_INITIALIZATION_TIMEOUT", "1")))
                .isInstanceOf(InitializationException.class)
                .hasMessageContaining("did not finish within 1 s");
        assertThat(logBytes.toString(StandardCharsets.UTF_8)).doesNotContain("listening on");
    }

    @Test
    void refusesAModeItDoesNotKnow() {
        assertThatThrownBy(() -> start("events", "fn.Counter::handleRequest", null, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SLUICE_STANDALONE: events (expected: http or event)");
    }

    private Bootstrap start(String mode, String handler, @Nullable String initializer, Map<String, String> more)
            throws Exception {
        Map<String, String> env = new HashMap<>(more);
        env.put(Standalone.VARIABLE, mode);
        LogWriter log = new LogWriter(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        Bootstrap started = Bootstrap.start(new RuntimeConfig(0, handler, initializer, code, env), log);
        runtime = started;
        return started;
    }

    private static URI uri(Bootstrap started, String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + started.port() + pathAndQuery);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        HttpRequest withTimeout = HttpRequest.newBuilder(request, (name, value) -> true)
                .timeout(TIMEOUT)
                .build();
        return HTTP.send(withTimeout, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Counts its initializations; {@code fail} is an initializer that cannot reach its database. */
    private static final String COUNTER =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.StreamRequestHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;
            import java.nio.charset.StandardCharsets;
            import java.util.concurrent.atomic.AtomicInteger;

            public class Counter implements StreamRequestHandler {
                private static final AtomicInteger INITIALIZED = new AtomicInteger();

                public void initialize(Context context) {
                    INITIALIZED.incrementAndGet();
                }

                public void fail(Context context) {
                    throw new IllegalStateException("cannot reach the database");
                }

                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    String event = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    out.write(("initialized " + INITIALIZED.get() + " time(s); event " + event)
                            .getBytes(StandardCharsets.UTF_8));
                }
            }
            """;

    /** An initializer that never ends. */
    private static final String STUCK =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;

            public class Stuck {
                public void initialize(Context context) throws InterruptedException {
                    new java.util.concurrent.CountDownLatch(1).await();
                }
            }
            """;
}
