package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Admitting connections on the server channel: an embedded one, its accepted connections embedded ones too. */
class ConnectionLimitTest {
    private final List<String> notices = new ArrayList<>();
    private final List<EmbeddedChannel> accepted = new ArrayList<>();
    private final EmbeddedChannel server = new EmbeddedChannel(
            false,
            false,
            new ConnectionLimit(new GatewayLimits(2, 2, Duration.ofSeconds(10), Duration.ofSeconds(60)), notices::add));

    ConnectionLimitTest() throws Exception {
        server.freezeTime();
        server.register();
    }

    @AfterEach
    void close() {
        accepted.forEach(EmbeddedChannel::finishAndReleaseAll);
        assertThat(server.finishAndReleaseAll()).isFalse();
    }

    @Test
    void connectionsUpToTheLimitAreServedAndTheNextOnesGetTheReserve() {
        ConnectionLimit.Slot first = admitted(accept());
        ConnectionLimit.Slot second = admitted(accept());
        ConnectionLimit.Slot third = admitted(accept());

        assertThat(first.isReserve()).isFalse();
        assertThat(second.isReserve()).isFalse();
        assertThat(third.isReserve()).isTrue();
        assertThat(notices).singleElement().asString().startsWith("too many client connections: 2 are open");
    }

    @Test
    void aFullReserveMakesRoomByClosingTheConnectionThatHasWaitedLongestWithoutAsking() {
        accept();
        accept();
        EmbeddedChannel asking = accept();
        EmbeddedChannel waiting = accept();
        admitted(asking).asked();

        EmbeddedChannel newcomer = accept();

        assertThat(ConnectionLimit.slotOf(newcomer)).isNotNull();
        assertThat(waiting.isOpen()).as("waited longest without a request").isFalse();
        assertThat(asking.isOpen()).as("its request is served").isTrue();
    }

    @Test
    void whenEveryReserveConnectionHasAskedANewConnectionIsClosedAtOnce() {
        accept();
        accept();
        admitted(accept()).asked();
        admitted(accept()).asked();

        EmbeddedChannel refused = accept();

        assertThat(refused.isOpen()).isFalse();
        assertThat(ConnectionLimit.slotOf(refused)).isNull();
    }

    @Test
    void aClosedConnectionGivesItsPlaceBack() {
        EmbeddedChannel first = accept();
        accept();

        first.close();

        assertThat(admitted(accept()).isReserve()).isFalse();
    }

    @Test
    void connectionsBeyondTheLimitAreSaidAtOnceThenCountedOnceASecond() {
        accept();
        accept();
        accept();
        assertThat(notices).hasSize(1);

        accept();
        accept();
        oneSecond();
        oneSecond();

        assertThat(notices).hasSize(2);
        assertThat(notices.get(1))
                .isEqualTo("too many client connections: 2 more beyond the limit of 2 in the last" + " second");
        accept();
        assertThat(notices).as("quiet for a second: said at once again").hasSize(3);
    }

    /** Hands the server a newly accepted connection; returns it, taking what the server passed on. */
    private EmbeddedChannel accept() {
        EmbeddedChannel channel = new EmbeddedChannel();
        accepted.add(channel);
        server.writeInbound(channel);
        @Nullable Channel passed = server.readInbound();
        assertThat(passed).isIn(channel, null);
        return channel;
    }

    private static ConnectionLimit.Slot admitted(Channel channel) {
        ConnectionLimit.Slot slot = ConnectionLimit.slotOf(channel);
        assertThat(slot).as("admitted").isNotNull();
        return slot;
    }

    private void oneSecond() {
        server.advanceTimeBy(1, TimeUnit.SECONDS);
        server.runScheduledPendingTasks();
    }
}
