package dev.sluice.gateway.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionSpecBuilder;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.gateway.testing.FakeInstance;
import dev.sluice.gateway.testing.FakeInstance.Reply;
import dev.sluice.gateway.testing.GatedScheduler;
import dev.sluice.gateway.testing.RawHttp;
import dev.sluice.gateway.testing.RawHttp.Response;
import dev.sluice.gateway.testing.TestGateways;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP/1.1 as the RFCs say, through a real gateway on the in-memory scheduler: pipelined responses in request order,
 * framing that cannot be trusted refused or ended with the connection, the admin token asked for at the head, and a
 * connection answered before its request's body was read ended in stages.
 */
class Http11Test {
    private static final long OVER_THE_LIMIT = 40L * 1024 * 1024;
    /** More than the loopback socket buffers hold: the client's writes block unless the gateway reads on. */
    private static final long SENT_BEFORE_READING = 24L * 1024 * 1024;

    private static final GatedScheduler fake = new GatedScheduler();
    private static FakeInstance instance;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        instance = FakeInstance.start().reply("slow", Reply.ECHO).reply("echo", Reply.ECHO);
        fake.endpoint = instance.endpoint();
        fake.deploy(
                function("slow").build(),
                function("echo").build(),
                function("web")
                        .trigger(new HttpTrigger("/hello", Set.of("POST")))
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
        fake.open();
        fake.asked.clear();
        instance.received.clear();
    }

    @Test
    void aQuickAnswerPipelinedBehindASlowCallWaitsForIt() throws Exception {
        fake.gate("slow");
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            // One write: the gateway reads both while the call still waits for its slot, and could answer the second.
            client.send(post("/invoke/slow", "first") + RawHttp.head("GET /healthz"));
            assertThat(fake.asked.poll(10, SECONDS)).isEqualTo("slow");
            fake.open();

            Response first = client.read();
            Response second = client.read();

            assertThat(first.body()).isEqualTo("first");
            assertThat(second.body()).contains("\"ok\"");
        }
    }

    @Test
    void pipelinedCallsAreAnsweredInTheOrderTheyCameThoughTheFirstFinishesLast() throws Exception {
        fake.gate("slow");
        try (RawHttp client = RawHttp.connect(gateway.port());
                RawHttp other = RawHttp.connect(gateway.port())) {
            client.send(post("/invoke/slow", "first") + post("/invoke/echo", "second"));
            assertThat(fake.asked.poll(10, SECONDS)).isEqualTo("slow");
            // A whole call on another connection: had the second call gone ahead, it would be answered by now.
            assertThat(other.send(post("/invoke/echo", "meanwhile")).read().body())
                    .isEqualTo("meanwhile");
            fake.open();

            Response first = client.read();
            Response second = client.read();

            assertThat(first.body()).isEqualTo("first");
            assertThat(second.body()).isEqualTo("second");
            assertThat(second.status()).isEqualTo(200);
        }
    }

    @Test
    void aRequestPipelinedBehindAStreamedTriggerCallIsAnsweredAfterIt() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(post("/hello", "one")
                    + post("/invoke/echo", "two")
                    + RawHttp.head("GET /healthz", "Connection: close"));

            assertThat(client.read().body()).isEqualTo("one");
            assertThat(client.read().body()).isEqualTo("two");
            assertThat(client.read().body()).contains("\"ok\"");
            assertThat(client.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void aRequestWithContentLengthAndTransferEncodingIsReadAsChunkedAndTheConnectionClosesAfterIt() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head("POST /invoke/echo", "Content-Length: 3", "Transfer-Encoding: chunked")
                    + "5\r\nhello\r\n0\r\n\r\n");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).as("the chunks, not 3 bytes").isEqualTo("hello");
            assertThat(response.closes()).isTrue();
            assertThat(client.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void aTransferCodingOtherThanChunkedIs501NotImplementedAndTheConnectionCloses() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(
                    RawHttp.head("POST /invoke/echo", "Transfer-Encoding: gzip, chunked") + "5\r\nhello\r\n0\r\n\r\n");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(501);
            assertThat(response.header("X-Fc-Error-Type")).isEqualTo("NotImplemented");
            assertThat(response.body()).contains("Transfer-Encoding: gzip, chunked");
            assertThat(response.header("X-Fc-Request-Id")).isNotEmpty();
            assertThat(client.isClosedByGateway()).isTrue();
        }
        assertThat(instance.received).isEmpty();
    }

    @Test
    void anUnknownTransferCodingIs400BadRequestAndNotReadByItsContentLength() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(
                    RawHttp.head("POST /invoke/echo", "Transfer-Encoding: x-custom", "Content-Length: 5") + "hello");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("X-Fc-Error-Type")).isEqualTo("BadRequest");
            assertThat(response.closes()).isTrue();
            assertThat(client.isClosedByGateway()).isTrue();
        }
        assertThat(instance.received).isEmpty();
    }

    @Test
    void anUnauthenticatedDeployIsRefused401AtItsHeadBeforeItsBodyIsSent() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            // 30 MB announced, none of it sent: the answer must not wait for it.
            client.send(RawHttp.head("PUT /system/functions", "Content-Length: 31457280"));

            Response response = client.read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("X-Fc-Error-Type")).isEqualTo("Unauthorized");
            assertThat(response.body()).contains("deploying needs the admin token");
            assertThat(response.closes()).as("the body is not read").isTrue();
            assertThat(client.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void anUnauthenticatedDeployThatAsksToContinueGets401Instead() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head(
                    "PUT /system/functions",
                    "Content-Length: 31457280",
                    "Authorization: Bearer wrong",
                    "Expect: 100-continue"));

            Response response = client.read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(client.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void aSmallUnauthenticatedChangeIs401AndTheConnectionServesTheNextRequest() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head("PUT /system/functions", "Content-Length: 14")
                    + "functions: {}\n"
                    + RawHttp.head("DELETE /system/functions/echo")
                    + RawHttp.head("GET /healthz"));

            Response deploy = client.read();
            Response remove = client.read();
            Response health = client.read();

            assertThat(deploy.status()).isEqualTo(401);
            assertThat(deploy.closes()).isFalse();
            assertThat(remove.status()).isEqualTo(401);
            assertThat(remove.body()).contains("removing a function needs the admin token");
            assertThat(health.status()).isEqualTo(200);
        }
        assertThat(fake.function("echo")).as("not removed").isPresent();
    }

    @Test
    void aDeployWithTheTokenHasItsBodyRead() throws Exception {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head("PUT /system/functions", "Authorization: Bearer secret", "Content-Length: 12")
                    + "functions: [");

            Response response = client.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.header("X-Fc-Error-Type")).isEqualTo("InvalidArgument");
            assertThat(response.body()).contains("request body");
        }
    }

    @Test
    void anInvocationClientThatSendsItsBodyBeforeReadingGets413() throws IOException {
        assertAnsweredAfterSending("POST /invoke/echo");
    }

    @Test
    void anHttpTriggerClientThatSendsItsBodyBeforeReadingGets413() throws IOException {
        assertAnsweredAfterSending("POST /hello");
    }

    @Test
    void aChangeRefusedAtItsHeadIsAnsweredThoughItsClientSendsTheBodyFirst() throws IOException {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head("PUT /system/functions", "Content-Length: " + OVER_THE_LIMIT))
                    .sendZeros(SENT_BEFORE_READING);

            Response response = client.read();

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.closes()).isTrue();
        }
    }

    @Test
    void aClientThatStopsSendingSeesTheAnswerAndTheEnd() throws IOException {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head("POST /invoke/echo", "Content-Length: " + OVER_THE_LIMIT))
                    .sendZeros(1024);

            assertThat(client.read().status()).isEqualTo(413);
            assertThat(client.isClosedByGateway()).isTrue();
        }
        assertThat(instance.received).isEmpty();
    }

    /**
     * A request answered while its client still sends the body must reach a client that writes the whole body before
     * reading: the gateway reads and drops the rest instead of closing on it, which would reset the connection.
     */
    private static void assertAnsweredAfterSending(String line) throws IOException {
        try (RawHttp client = RawHttp.connect(gateway.port())) {
            client.send(RawHttp.head(line, "Content-Length: " + OVER_THE_LIMIT)).sendZeros(SENT_BEFORE_READING);

            Response response = client.read();

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("X-Fc-Request-Id")).isNotEmpty();
            assertThat(response.body()).contains("RequestTooLarge", "send large inputs by reference");
            assertThat(response.closes()).isTrue();
        }
        assertThat(instance.received).isEmpty();
    }

    private static FunctionSpecBuilder function(String name) {
        return FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                .timeout(Duration.ofSeconds(10));
    }

    private static String post(String path, String body) {
        return RawHttp.head("POST " + path, "Content-Length: " + body.length()) + body;
    }
}
