package dev.sluice.gateway.invoke;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.testing.FakeInstance;
import dev.sluice.gateway.testing.FakeInstance.Reply;
import dev.sluice.gateway.testing.TestGateways;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.ContainerInitException;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.NoCapacityException;
import dev.sluice.scheduler.api.QueueFullException;
import dev.sluice.testing.FakeScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Event invocations through a real gateway, on the in-memory scheduler, to an instance played in-process. */
class DispatcherTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Watched fake = new Watched();
    private static final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeInstance instance;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        instance = FakeInstance.start()
                .reply("echo", Reply.ECHO)
                .reply("hang", Reply.HOLD)
                .reply("crash", Reply.CRASH);
        fake.endpoint = instance.endpoint();
        fake.deploy(
                function("echo", Duration.ofSeconds(3)),
                function("hang", Duration.ofSeconds(1)),
                function("crash", Duration.ofSeconds(3)));
        gateway = TestGateways.start(fake);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        instance.close();
    }

    @AfterEach
    void reset() {
        fake.refusal = null;
        fake.diagnosis = null;
        fake.closing = false;
        fake.holdAcquires = false;
        fake.asked.clear();
        fake.released.clear();
        fake.retired.clear();
        instance.received.clear();
    }

    @Test
    void aCallIsAnsweredByTheInstanceAndReleasesItsLease() throws Exception {
        HttpResponse<String> response = invoke("echo", "ping");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ping");
        String requestId = requestId(response);
        assertThat(instance.received).singleElement().satisfies(call -> {
            assertThat(call.method() + " " + call.uri()).isEqualTo("POST /invoke");
            assertThat(call.header("x-fc-control-path")).isEqualTo("/invoke");
            assertThat(call.header("x-fc-function-name")).isEqualTo("echo");
            assertThat(call.header("x-fc-request-id"))
                    .as("the id the client sees")
                    .isEqualTo(requestId);
        });
        assertThat(fake.released).singleElement().asString().startsWith("echo-");
        assertThat(fake.retired).isEmpty();
    }

    @Test
    void anUnknownFunctionIs404FunctionNotFound() throws Exception {
        JsonNode error = assertError(invoke("nope", "x"), 404, "FunctionNotFound");

        assertThat(error.get("function").asText()).isEqualTo("nope");
        assertThat(instance.received).isEmpty();
    }

    @Test
    void aFullQueueIs429ResourceExhausted() throws Exception {
        fake.refusal = new QueueFullException("function \"echo\" has 50 requests queued", "echo");

        JsonNode error = assertError(invoke("echo", "x"), 429, "ResourceExhausted");

        assertThat(error.get("errorMessage").asText()).isEqualTo("function \"echo\" has 50 requests queued");
        assertThat(instance.received).isEmpty();
    }

    @Test
    void noSlotBeforeTheDeadlineIs503WithRetryAfter() throws Exception {
        fake.refusal = new NoCapacityException("no instance of \"echo\" had a free slot", "echo", null, null);

        HttpResponse<String> response = invoke("echo", "x");

        assertError(response, 503, "ResourceExhausted");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aFailedInitializerIs503InitializationErrorWithItsMessage() throws Exception {
        fake.refusal = new ContainerInitException(
                "initializer example.App::initialize failed: IOException: no database", "echo", "echo-9", null);

        HttpResponse<String> response = invoke("echo", "x");

        JsonNode error = assertError(response, 503, "InitializationError");
        assertThat(error.get("errorMessage").asText())
                .isEqualTo("initializer example.App::initialize failed: IOException: no database");
        assertThat(error.get("instance").asText()).isEqualTo("echo-9");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
    }

    @Test
    void aCallThatTimesOutIsAnswered504AndRetiresItsInstance() throws Exception {
        JsonNode error = assertError(invoke("hang", "x"), 504, "FunctionTimeout");

        assertThat(error.get("errorMessage").asText())
                .isEqualTo("function \"hang\" did not finish within 1000 ms (timeout)");
        assertThat(fake.retired).singleElement().asString().matches("hang-\\d+: FunctionTimeout");
        assertThat(fake.released).as("its handler may still run: not reused").isEmpty();
    }

    @Test
    void aBrokenConnectionIs502InstanceCrashedNamingTheReasonAndRetiresTheInstance() throws Exception {
        fake.diagnosis = "OOMKilled";

        JsonNode error = assertError(invoke("crash", "x"), 502, "InstanceCrashed");

        assertThat(error.get("errorMessage").asText())
                .matches("instance crash-\\d+ of \"crash\" crashed mid-request: OOMKilled");
        assertThat(fake.retired).singleElement().asString().matches("crash-\\d+: OOMKilled");
        assertThat(fake.released).isEmpty();
    }

    @Test
    void aStoppingGatewayAnswers503ServiceUnavailable() throws Exception {
        fake.closing = true;

        HttpResponse<String> response = invoke("echo", "x");

        assertError(response, 503, "ServiceUnavailable");
        assertThat(response.headers().firstValue("Retry-After"))
                .as("a stopping gateway is not to be retried")
                .isEmpty();
        assertThat(response.headers().firstValue("Connection"))
                .as("the connection ends with it")
                .hasValue("close");
        assertThat(fake.asked).as("no slot asked for").isEmpty();
    }

    @Test
    void aCallWaitsForItsSlotAndIsAnsweredOnceItIsHandedOut() throws Exception {
        fake.holdAcquires = true;

        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(post("echo", "later"), HttpResponse.BodyHandlers.ofString());

        assertThat(fake.asked.poll(10, SECONDS)).isEqualTo("echo");
        assertThat(response).isNotDone();
        assertThat(instance.received).isEmpty();
        assertThat(fake.handOut()).isTrue();
        assertThat(response.get(10, SECONDS).body()).isEqualTo("later");
        assertThat(fake.released).hasSize(1);
    }

    private static FunctionSpec function(String name, Duration timeout) {
        return FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                .timeout(timeout)
                .build();
    }

    private static HttpRequest post(String function, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/invoke/" + function))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpResponse<String> invoke(String function, String body) throws Exception {
        return client.sendAsync(post(function, body), HttpResponse.BodyHandlers.ofString())
                .get(10, SECONDS);
    }

    private static String requestId(HttpResponse<String> response) {
        String id = response.headers().firstValue("X-Fc-Request-Id").orElse("");
        assertThat(id).as("X-Fc-Request-Id").isNotBlank();
        return id;
    }

    /** Checks FC's error answer: status, type in header and body, request id; returns the body. */
    private static JsonNode assertError(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue(type);
        requestId(response);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.get("errorType").asText()).isEqualTo(type);
        return error;
    }

    /** The fake scheduler, telling the test each time the gateway asks it for a slot. */
    private static final class Watched extends FakeScheduler {
        final BlockingQueue<String> asked = new LinkedBlockingQueue<>();

        @Override
        public CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos) {
            CompletableFuture<Lease> lease = super.acquire(target, deadlineNanos);
            asked.add(target.name());
            return lease;
        }
    }
}
