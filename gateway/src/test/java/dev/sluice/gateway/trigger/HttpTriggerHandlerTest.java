package dev.sluice.gateway.trigger;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.testing.FakeInstance;
import dev.sluice.gateway.testing.FakeInstance.Reply;
import dev.sluice.gateway.testing.TestGateways;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.testing.FakeScheduler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP-trigger calls through a real gateway, on the in-memory scheduler, to an instance played in-process. */
class HttpTriggerHandlerTest {
    private static final Watched fake = new Watched();
    private static final HttpClient client =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static FakeInstance instance;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        instance = FakeInstance.start().reply("web", Reply.ECHO).reply("cut", Reply.CRASH_MID_ANSWER);
        fake.endpoint = instance.endpoint();
        fake.deploy(
                FunctionSpec.builder("web", Path.of("/code/web.jar"), "example.Web::handle")
                        .trigger(new HttpTrigger("/hello", Set.of("GET", "POST")))
                        .build(),
                FunctionSpec.builder("cut", Path.of("/code/cut.jar"), "example.Cut::handle")
                        .trigger(HttpTrigger.of("/cut"))
                        .build(),
                FunctionSpec.builder("plain", Path.of("/code/plain.jar"), "example.Plain::handle")
                        .build());
        gateway = TestGateways.start(fake);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        instance.close();
    }

    @AfterEach
    void reset() {
        fake.diagnosis = null;
        fake.ended.clear();
        fake.released.clear();
        fake.retired.clear();
        instance.received.clear();
    }

    @Test
    void theInstanceGetsTheClientsRequestWithFcHeadersAndItsAnswerComesBack() throws Exception {
        HttpResponse<String> response = send(request("/hello/world?name=sluice")
                .header("x-custom", "kept")
                .header("x-fc-function-name", "impostor")
                .header("x-fc-request-id", "forged")
                .header("x-fc-access-key-id", "forged")
                .header(FakeInstance.ANSWER_STATUS, "201")
                .POST(HttpRequest.BodyPublishers.ofString("hi")));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("hi");
        assertThat(response.headers().firstValue(FakeInstance.ECHO_OF)).hasValue("POST /hello/world?name=sluice");
        String requestId = response.headers().firstValue("X-Fc-Request-Id").orElse("");
        assertThat(requestId).isNotBlank().isNotEqualTo("forged");
        assertThat(instance.received).singleElement().satisfies(call -> {
            assertThat(call.method() + " " + call.uri()).isEqualTo("POST /hello/world?name=sluice");
            assertThat(new String(call.body(), StandardCharsets.UTF_8)).isEqualTo("hi");
            assertThat(call.header("x-custom")).isEqualTo("kept");
            assertThat(call.header("x-fc-control-path")).isEqualTo("/http-invoke");
            assertThat(call.header("x-fc-function-name")).isEqualTo("web");
            assertThat(call.header("x-fc-access-key-id"))
                    .as("the client's own x-fc-* are not passed on")
                    .isEmpty();
            assertThat(call.header("x-fc-request-id")).isEqualTo(requestId);
            assertThat(call.header("x-forwarded-for")).isEqualTo("127.0.0.1");
        });
        assertThat(fake.ended.poll(10, SECONDS)).matches("released web-\\d+");
        assertThat(fake.retired).isEmpty();
    }

    @Test
    void aBodyOfSeveralMebibytesStreamsThroughWholeBothWays() throws Exception {
        byte[] body = new byte[5 * 1024 * 1024 + 17];
        new Random(42).nextBytes(body);

        HttpResponse<byte[]> response = client.sendAsync(
                        request("/hello/upload")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray())
                .get(10, SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(instance.received).singleElement().satisfies(call -> assertThat(call.body())
                .isEqualTo(body));
        assertThat(response.body()).isEqualTo(body);
        assertThat(fake.ended.poll(10, SECONDS)).matches("released web-\\d+");
    }

    @Test
    void aMethodTheTriggerDoesNotAllowIs405() throws Exception {
        HttpResponse<String> response = send(request("/hello").PUT(HttpRequest.BodyPublishers.ofString("x")));

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue("MethodNotAllowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(instance.received).isEmpty();
    }

    @Test
    void aDeployedFunctionWithoutATriggerIs404TriggerNotFound() throws Exception {
        HttpResponse<String> response =
                send(request("/2016-08-15/proxy/sluice/plain/page").GET());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue("TriggerNotFound");
        assertThat(response.headers().firstValue("X-Fc-Request-Id")).isPresent();
        assertThat(response.body()).contains("\"errorType\":\"TriggerNotFound\"", "\"function\":\"plain\"");
    }

    @Test
    void anInstanceThatDiesMidAnswerCutsTheClientOffAndIsRetired() throws Exception {
        fake.diagnosis = "OOMKilled";

        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request("/cut").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response)
                .failsWithin(10, SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(IOException.class);
        assertThat(fake.ended.poll(10, SECONDS)).matches("retired cut-\\d+: OOMKilled");
        assertThat(fake.released).isEmpty();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .timeout(Duration.ofSeconds(10));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .get(10, SECONDS);
    }

    /**
     * The fake scheduler, telling the test how each lease ended: a streamed call ends its lease only after the
     * client has the last bytes, so the test waits for the end rather than reading the fake's lists at once.
     */
    private static final class Watched extends FakeScheduler {
        final BlockingQueue<String> ended = new LinkedBlockingQueue<>();

        @Override
        public CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos) {
            return super.acquire(target, deadlineNanos).thenApply(Told::new);
        }

        /** A lease that reports its end to {@link #ended}: only the first end counts, as with every lease. */
        private final class Told implements Lease {
            private final Lease lease;
            private boolean done;

            Told(Lease lease) {
                this.lease = lease;
            }

            @Override
            public Endpoint endpoint() {
                return lease.endpoint();
            }

            @Override
            public String instanceId() {
                return lease.instanceId();
            }

            @Override
            public FunctionSpec function() {
                return lease.function();
            }

            @Override
            public @Nullable String containerId() {
                return lease.containerId();
            }

            @Override
            public @Nullable String failure() {
                return lease.failure();
            }

            @Override
            public synchronized void release() {
                lease.release();
                end("released " + lease.instanceId());
            }

            @Override
            public synchronized void retire(String reason) {
                lease.retire(reason);
                end("retired " + lease.instanceId() + ": " + reason);
            }

            private void end(String how) {
                if (!done) {
                    done = true;
                    ended.add(how);
                }
            }
        }
    }
}
