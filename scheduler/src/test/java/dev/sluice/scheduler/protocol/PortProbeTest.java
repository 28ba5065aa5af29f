package dev.sluice.scheduler.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.ManualClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The port probe's attempts are checks on the clock: a manual one decides when each happens, nothing sleeps. */
class PortProbeTest {
    private final ManualClock clock = new ManualClock();
    private final AtomicInteger livenessChecks = new AtomicInteger();

    @Test
    void answersTrueAtTheFirstAttemptAfterThePortOpens() throws IOException {
        InetSocketAddress address = closedPort();
        CompletableFuture<Boolean> ready = probe(address, Duration.ofSeconds(30), true);

        clock.advance(Duration.ofMillis(50));
        assertThat(ready).as("nothing listens yet").isNotDone();
        try (ServerSocket server = new ServerSocket(address.getPort(), 1, address.getAddress())) {
            clock.advance(Duration.ofMillis(5));
            assertThat(ready).as("listening on " + server.getLocalPort()).isCompletedWithValue(true);
        }
    }

    @Test
    void answersFalseOnceTheDeadlinePasses() throws IOException {
        CompletableFuture<Boolean> ready = probe(closedPort(), Duration.ofMillis(60), true);

        clock.advance(Duration.ofMillis(55));
        assertThat(ready).isNotDone();
        clock.advance(Duration.ofMillis(5));
        assertThat(ready).isCompletedWithValue(false);
        assertThat(clock.pendingTasks()).as("no attempt after the answer").isZero();
    }

    @Test
    void asksWhetherTheContainerLivesEveryTwentiethAttemptAndStopsWhenItDoesNot() throws IOException {
        CompletableFuture<Boolean> ready = probe(closedPort(), Duration.ofSeconds(30), false);

        clock.advance(Duration.ofMillis(5 * 18));
        assertThat(ready).as("19 attempts").isNotDone();
        assertThat(livenessChecks).hasValue(0);
        clock.advance(Duration.ofMillis(5));

        assertThat(ready).isCompletedWithValue(false);
        assertThat(livenessChecks).hasValue(1);
    }

    private CompletableFuture<Boolean> probe(InetSocketAddress address, Duration timeout, boolean alive) {
        return PortProbe.start(clock, Runnable::run, address, timeout.toNanos(), () -> {
            livenessChecks.incrementAndGet();
            return alive;
        });
    }

    /** Returns a loopback address on which nothing listens: connecting is refused at once. */
    private static InetSocketAddress closedPort() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket server = new ServerSocket(0, 1, loopback)) {
            return new InetSocketAddress(loopback, server.getLocalPort());
        }
    }
}
