package dev.sluice.gateway.server;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A body over the limit is answered with 413 while the client is still sending it. The client must get that answer
 * even when it writes its whole body before reading: the gateway reads and drops the rest instead of closing on it,
 * which would reset the connection under the answer.
 */
class OversizedBodiesTest {
    private static final long OVER_THE_LIMIT = 40L * 1024 * 1024;
    /** More than the loopback socket buffers hold: the client's writes block unless the gateway reads on. */
    private static final long SENT_BEFORE_READING = 24L * 1024 * 1024;

    private static final GatedScheduler fake = new GatedScheduler();
    private static FakeInstance instance;
    private static GatewayServer gateway;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        instance = FakeInstance.start().reply("echo", Reply.ECHO);
        fake.endpoint = instance.endpoint();
        fake.deploy(
                function("echo").build(),
                function("web")
                        .trigger(new HttpTrigger("/upload", Set.of("POST")))
                        .build());
        gateway = TestGateways.start(fake);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        instance.close();
    }

    @Test
    void anInvocationClientThatSendsItsBodyBeforeReadingGets413() throws IOException {
        assertAnsweredAfterSending("POST /invoke/echo");
    }

    @Test
    void anHttpTriggerClientThatSendsItsBodyBeforeReadingGets413() throws IOException {
        assertAnsweredAfterSending("POST /upload");
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
}
