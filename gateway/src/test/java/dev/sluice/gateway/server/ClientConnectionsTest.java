package dev.sluice.gateway.server;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.testing.FakeInstance;
import dev.sluice.gateway.testing.FakeInstance.Reply;
import dev.sluice.gateway.testing.GatedScheduler;
import dev.sluice.gateway.testing.RawHttp;
import dev.sluice.gateway.testing.RawHttp.Response;
import dev.sluice.gateway.testing.TestGateways;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's client connections, counted and timed, through a real gateway on the in-memory scheduler: each test
 * starts its own with the limits it needs, small and short.
 */
class ClientConnectionsTest {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration SHORT = Duration.ofMillis(300);
    private static final GatedScheduler fake = new GatedScheduler();
    private static FakeInstance instance;

    private final BlockingQueue<String> notices = new LinkedBlockingQueue<>();
    private final List<RawHttp> idle = new ArrayList<>();
    private @Nullable GatewayServer gateway;

    @BeforeAll
    static void startInstance() throws IOException {
        instance = FakeInstance.start().reply("slow", Reply.ECHO).reply("echo", Reply.ECHO);
        fake.endpoint = instance.endpoint();
        fake.deploy(function("slow"), function("echo"));
    }

    @AfterAll
    static void stopInstance() {
        instance.close();
    }

    @AfterEach
    void stop() throws IOException {
        for (RawHttp connection : idle) {
            connection.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        fake.open();
        fake.asked.clear();
    }

    @Test
    void atThreeTimesTheLimitOfIdleConnectionsHealthzAndAWarmCallStillAnswer() throws Exception {
        int port = start(new GatewayLimits(20, 4, LONG, LONG));
        try (RawHttp kept = RawHttp.connect(port)) {
            assertThat(kept.send(post("/invoke/echo", "warm")).read().body()).isEqualTo("warm");
            openIdle(port, 60);

            Response health = ask(port, RawHttp.head("GET /healthz"));
            Response warm = kept.send(post("/invoke/echo", "still warm")).read();
            Response turnedAway = ask(port, post("/invoke/echo", "new client"));

            assertThat(health.status()).isEqualTo(200);
            assertThat(health.closes()).as("the reserve is for the next check").isTrue();
            assertThat(warm.status()).isEqualTo(200);
            assertThat(warm.body()).isEqualTo("still warm");
            assertThat(turnedAway.status()).isEqualTo(503);
            assertThat(turnedAway.header("X-Fc-Error-Type")).isEqualTo("TooManyConnections");
            assertThat(turnedAway.header("Retry-After")).isEqualTo("1");
            assertThat(notices.poll(10, SECONDS)).startsWith("too many client connections: 20 are open");
        }
    }

    @Test
    void whenEveryReserveConnectionIsBusyANewConnectionIsClosedAtOnce() throws Exception {
        int port = start(new GatewayLimits(2, 1, LONG, LONG));
        openIdle(port, 2);
        try (RawHttp events = RawHttp.connect(port)) {
            // A stream that does not end keeps the one reserve connection busy.
            assertThat(events.send(RawHttp.head("GET /system/events"))
                            .readHead()
                            .status())
                    .isEqualTo(200);

            try (RawHttp refused = RawHttp.connect(port)) {
                assertThat(refused.isClosedByGateway()).isTrue();
            }
        }
        assertThat(notices.poll(10, SECONDS)).startsWith("too many client connections: 2 are open");
    }

    @Test
    void idleConnectionsAreClosedAtTheHeaderTimeoutAndTheirPlacesGoToNewClients() throws Exception {
        int port = start(new GatewayLimits(5, 2, SHORT, LONG));
        openIdle(port, 15);

        for (RawHttp connection : idle) {
            assertThat(connection.isClosedByGateway()).isTrue();
        }
        Response call = ask(port, post("/invoke/echo", "my turn"));

        assertThat(call.status()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("my turn");
    }

    @Test
    void aClientThatSendsOneByteOfItsHeadAndNoMoreIsClosedAtTheHeaderTimeout() throws Exception {
        int port = start(new GatewayLimits(100, 4, SHORT, LONG));
        try (RawHttp slowloris = RawHttp.connect(port)) {
            slowloris.send("P");

            assertThat(slowloris.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void onAKeptAliveConnectionTheNextHeadHasTheHeaderTimeoutFromItsFirstByte() throws Exception {
        int port = start(new GatewayLimits(100, 4, SHORT, LONG));
        try (RawHttp slowloris = RawHttp.connect(port)) {
            assertThat(slowloris.send(post("/invoke/echo", "first")).read().status())
                    .isEqualTo(200);

            slowloris.send("P"); // the idle timeout (60 s) no longer applies: the head must come whole soon

            assertThat(slowloris.isClosedByGateway()).isTrue();
        }
    }

    @Test
    void anIdleKeptAliveConnectionIsClosedAtTheIdleTimeoutWhileASlowCallOnAnotherIsNot() throws Exception {
        int port = start(new GatewayLimits(100, 4, SHORT, SHORT));
        fake.gate("slow");
        try (RawHttp slow = RawHttp.connect(port);
                RawHttp quick = RawHttp.connect(port)) {
            slow.send(post("/invoke/slow", "worth the wait"));
            assertThat(fake.asked.poll(10, SECONDS)).isEqualTo("slow");
            assertThat(quick.send(post("/invoke/echo", "quick")).read().body()).isEqualTo("quick");

            // Idle from a moment after the slow call began: both timeouts have passed for the slow call too.
            assertThat(quick.isClosedByGateway()).isTrue();
            fake.open();

            Response answer = slow.read();
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("worth the wait");
        }
    }

    private int start(GatewayLimits limits) throws InterruptedException {
        GatewayServer started = TestGateways.start(fake, limits, notices::add);
        gateway = started;
        return started.port();
    }

    private void openIdle(int port, int count) throws IOException {
        for (int i = 0; i < count; i++) {
            idle.add(RawHttp.connect(port));
        }
    }

    /** Sends {@code request} on a new connection and returns the answer. */
    private static Response ask(int port, String request) throws IOException {
        try (RawHttp client = RawHttp.connect(port)) {
            return client.send(request).read();
        }
    }

    private static FunctionSpec function(String name) {
        return FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static String post(String path, String body) {
        return RawHttp.head("POST " + path, "Content-Length: " + body.length()) + body;
    }
}
