package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP-trigger calls end to end, as {@link BootstrapTest} does for the platform's other calls: the real
 * {@link Bootstrap} on a free port, {@code HttpRequestHandler} functions compiled at test time, and requests that
 * carry the client's method, path and headers plus {@code x-fc-control-path: /http-invoke}.
 */
class HttpTriggerTest {
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
        code = FunctionSources.compile(temp.resolve("code"), HttpTriggerFunctions.sources());
    }

    @AfterEach
    void closeRuntime() throws IOException {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theHandlerSeesTheClientsRequestAndItsStatusHeadersCookieAndBodyAreTheReply() throws Exception {
        start("fn.Echo::handleRequest", null);

        HttpResponse<String> reply = send(trigger("/api/rule/7?x=1&tag=a&tag=b%20c", "req-h1")
                .header("X-Custom", "hello")
                .header("Cookie", "session=abc123; theme=\"dark\"")
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", "203.0.113.9, 10.0.0.1")
                .header("x-fc-access-key-secret", "s3cret")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"rule\":7}")));

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.headers().firstValue("X-Rule")).hasValue("7");
        assertThat(reply.headers().allValues("Set-Cookie")).containsExactly("seen=1; Max-Age=60; Path=/api; HttpOnly");
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(reply.headers().firstValue("x-fc-request-id")).hasValue("req-h1");
        assertThat(reply.headers().firstValue("x-fc-status")).isEmpty();
        JsonNode seen = json(reply);
        assertThat(text(seen, "method", "uri", "path", "servletPath", "contextPath", "query", "x", "tags"))
                .containsExactly("PUT", "/api/rule/7", "/api/rule/7", "", "", "x=1&tag=a&tag=b%20c", "1", "a,b c");
        assertThat(text(seen, "custom", "session", "theme", "body", "contentType", "contentLength"))
                .containsExactly("hello", "abc123", "dark", "{\"rule\":7}", "application/json", "10");
        assertThat(text(seen, "url", "serverName", "serverPort", "remoteAddr", "scheme", "requestId"))
                .containsExactly(
                        "http://127.0.0.1:" + runtime.port() + "/api/rule/7",
                        "127.0.0.1",
                        String.valueOf(runtime.port()),
                        "203.0.113.9",
                        "http",
                        "req-h1");
        assertThat(seen.get("secret").isNull())
                .as("the platform's x-fc-* headers are not the client's")
                .isTrue();
        assertThat(seen.get("headerNames").asText().split(","))
                .contains("x-custom", "cookie", "content-type")
                .noneMatch(name -> name.startsWith("x-fc-"));
    }

    @Test
    void aFormBodyIsReadThroughGetParameterAndTheWriterWritesUtf8() throws Exception {
        start("fn.Form::handleRequest", null);

        HttpResponse<String> reply = send(trigger("/form?source=query", "req-f")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=J%C3%BCrgen+M&tag=a&tag=b")));

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain;charset=UTF-8");
        assertThat(reply.body()).isEqualTo("Grüße, Jürgen M ✓ a+b from query");
    }

    @Test
    void aThrowingHandlerAnswersAFunctionErrorWithNothingOfWhatItHadSet() throws Exception {
        start("fn.HttpThrows::handleRequest", null);

        HttpResponse<String> reply = send(trigger("/rules?fail=7", "req-t").GET());

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(reply.headers().firstValue("X-Partial")).isEmpty();
        assertThat(reply.headers().firstValue("Content-Type")).hasValue(Replies.JSON);
        JsonNode error = json(reply);
        assertThat(error.get("message").asText()).isEqualTo("rule 7 is broken");
        assertThat(error.get("errorType").asText()).isEqualTo("IllegalStateException");
        assertThat(error.get("stackTrace").get(0).asText()).startsWith("at fn.HttpThrows.handleRequest(");
        assertThat(log().lines().toList())
                .containsSubsequence("FC Invoke Start RequestId: req-t", "FC Invoke End RequestId: req-t")
                .anyMatch(line -> line.endsWith(" req-t [ERROR] java.lang.IllegalStateException: rule 7 is broken"));

        HttpResponse<String> next = send(trigger("/rules", "req-t2").GET());
        assertThat(next.statusCode()).isEqualTo(202);
        assertThat(next.body()).isEqualTo("partial");
    }

    @Test
    void anHttpCallBeforeAConfiguredInitializerRanIsRefused() throws Exception {
        start("fn.HttpInit::handleRequest", "fn.HttpInit::initialize");

        HttpResponse<String> early = send(trigger("/state", "req-early").GET());

        assertThat(early.statusCode()).isEqualTo(404);
        assertThat(early.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(json(early).get("message").asText())
                .isEqualTo("initializer fn.HttpInit::initialize has not run yet;"
                        + " the handler runs only after POST /initialize succeeded");
        assertThat(log()).doesNotContain("handling /state");

        assertThat(post("/initialize", "req-init").statusCode()).isEqualTo(200);
        HttpResponse<String> later = send(trigger("/state", "req-1").GET());
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.body()).isEqualTo("initialized");
        assertThat(log()).contains("req-1 [INFO] handling /state");
    }

    @Test
    void aServletContainerFeatureFailsTheCallWithAnErrorNamingTheMethod() throws Exception {
        start("fn.Sessions::handle", null);

        HttpResponse<String> reply = send(trigger("/login", "req-s").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.statusCode()).isEqualTo(404);
        assertThat(reply.headers().firstValue("x-fc-status")).hasValue("404");
        JsonNode error = json(reply);
        assertThat(error.get("errorType").asText()).isEqualTo("UnsupportedOperationException");
        assertThat(error.get("message").asText())
                .startsWith("HttpServletRequest.getSession() is not supported")
                .endsWith("FC's Java runtime does not offer sessions either");
        List<String> frames = new ArrayList<>();
        error.get("stackTrace").forEach(frame -> frames.add(frame.asText()));
        assertThat(frames)
                .as("where the runtime refused, then the handler's line, and nothing of the runtime's call")
                .anyMatch(frame -> frame.startsWith("at dev.sluice.runtime.java.TriggerRequestBase.getSession("))
                .last()
                .asString()
                .startsWith("at fn.Sessions.handle(Sessions.java:");
    }

    @Test
    void aRedirectAnswers302WithItsLocationAndIgnoresLaterWrites() throws Exception {
        start("fn.Redirect::handleRequest", null);

        HttpResponse<String> reply = send(trigger("/old", "req-r").GET());

        assertThat(reply.statusCode()).isEqualTo(302);
        assertThat(reply.headers().firstValue("Location")).hasValue("/login?next=%2Fapi");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void anyPathIsTheFunctionsWhenTheControlPathSaysHttpInvokeEvenAControlPathOfItsOwn() throws Exception {
        start("fn.Echo::handleRequest", null);

        HttpResponse<String> reply = send(trigger("/invoke?tag=t", "req-i").GET());

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(json(reply).get("path").asText()).isEqualTo("/invoke");
        assertThat(json(reply).get("method").asText()).isEqualTo("GET");
    }

    @Test
    void aHeadRequestGetsTheStatusAndHeadersButNoBody() throws Exception {
        start("fn.Echo::handleRequest", null);

        HttpResponse<String> reply =
                send(trigger("/api/rule/7?tag=t", "req-h").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(reply.statusCode()).isEqualTo(201);
        assertThat(reply.headers().firstValue("X-Rule")).hasValue("7");
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void aCallOfTheWrongKindSaysWhichShapeTheHandlerHasAndWhichItNeeds() throws Exception {
        start("fn.Stream::handleRequest", null);
        HttpResponse<String> httpToEvents = send(trigger("/x", "req-1").GET());
        runtime.close();
        start("fn.Echo::handleRequest", null);
        HttpResponse<String> eventToHttp = post("/invoke", "req-2");

        assertThat(httpToEvents.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(json(httpToEvents).get("message").asText())
                .isEqualTo("handler fn.Stream::handleRequest is shaped (InputStream, OutputStream, Context) or"
                        + " (T, Context), for events; an HTTP-trigger call (x-fc-control-path: /http-invoke) needs"
                        + " (HttpServletRequest, HttpServletResponse, Context), as"
                        + " com.aliyun.fc.runtime.HttpRequestHandler declares");
        assertThat(eventToHttp.headers().firstValue("x-fc-status")).hasValue("404");
        assertThat(json(eventToHttp).get("message").asText())
                .isEqualTo("handler fn.Echo::handleRequest is shaped (HttpServletRequest, HttpServletResponse,"
                        + " Context), for HTTP triggers; an event call (POST /invoke) needs"
                        + " (InputStream, OutputStream, Context) or (T, Context)");
    }

    private void start(String handler, @Nullable String initializer) throws Exception {
        LogWriter log = new LogWriter(new PrintStream(logBytes, true, StandardCharsets.UTF_8));
        runtime = Bootstrap.start(new RuntimeConfig(0, handler, initializer, code, Map.of()), log);
    }

    /** A client's request to {@code pathAndQuery} as the gateway forwards it: the platform's headers added. */
    private HttpRequest.Builder trigger(String pathAndQuery, String requestId) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + pathAndQuery))
                .header("x-fc-request-id", requestId)
                .header("x-fc-control-path", "/http-invoke")
                .timeout(TIMEOUT);
    }

    private HttpResponse<String> post(String path, String requestId) throws Exception {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + runtime.port() + path))
                .header("x-fc-request-id", requestId)
                .header("x-fc-control-path", path)
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(HttpResponse<String> reply) throws IOException {
        return JSON.readTree(reply.body());
    }

    private static List<String> text(JsonNode node, String... fields) {
        return Arrays.stream(fields).map(field -> node.get(field).asText()).toList();
    }

    private String log() {
        return logBytes.toString(StandardCharsets.UTF_8);
    }
}
