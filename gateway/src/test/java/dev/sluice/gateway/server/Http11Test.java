package dev.sluice.gateway.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionSpecBuilder;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.testing.FakeInstance;
import dev.sluice.gateway.testing.FakeInstance.Reply;
import dev.sluice.gateway.testing.GatedScheduler;
import dev.sluice.gateway.testing.RawHttp;
import dev.sluice.gateway.testing.RawHttp.Response;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** HTTP/1.1 as the RFCs say, through a real gateway on the in-memory scheduler: pipelined responses in request order. */
class Http11Test {
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
        gateway = GatewayServer.start(
                "127.0.0.1",
                0,
                fake,
                new AdminToken("secret", Path.of("admin-token")),
                Path.of("."),
                Duration.ofSeconds(5),
                Readiness.always());
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

    private static FunctionSpecBuilder function(String name) {
        return FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                .timeout(Duration.ofSeconds(10));
    }

    private static String post(String path, String body) {
        return RawHttp.head("POST " + path, "Content-Length: " + body.length()) + body;
    }
}
