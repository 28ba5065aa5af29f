package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The header and idle timeouts of one connection, on a channel whose clock the test moves. */
class ConnectionTimeoutsTest {
    private static final Duration HEADER = Duration.ofSeconds(10);
    private static final Duration IDLE = Duration.ofSeconds(60);
    private static final String HEAD = "GET /healthz HTTP/1.1\r\nHost: sluice\r\n\r\n";

    private final EmbeddedChannel channel = open();

    @Test
    void aConnectionThatSendsNothingIsClosedAtTheHeaderTimeout() {
        pass(HEADER.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();

        pass(Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aHeadSentByteByByteIsCutAtTheHeaderTimeoutThoughBytesKeepComing() {
        String head = "GET /healthz HTTP/1.1\r\n";
        for (int second = 0; second < HEADER.toSeconds(); second++) {
            assertThat(channel.isOpen()).as("after %d s", second).isTrue();
            send(head.substring(second, second + 1)); // one byte a second
            pass(Duration.ofSeconds(1));
        }

        assertThat(channel.isOpen()).isFalse();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRequestInProgressIsCutByNeitherTimeout() {
        send(HEAD);

        pass(IDLE.multipliedBy(3));

        assertThat(channel.isOpen()).isTrue();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void afterTheResponseTheIdleTimeoutRuns() {
        send(HEAD);
        answer(HttpResponseStatus.OK);

        pass(IDLE.minusMillis(1));
        assertThat(channel.isOpen()).isTrue();
        pass(Duration.ofMillis(1));

        assertThat(channel.isOpen()).isFalse();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aContinueIsNotTheEndOfTheResponse() {
        send(HEAD);
        answer(HttpResponseStatus.CONTINUE);

        pass(IDLE.multipliedBy(2));

        assertThat(channel.isOpen()).isTrue();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theFirstBytesOfTheNextHeadStartTheHeaderTimeout() {
        send(HEAD);
        answer(HttpResponseStatus.OK);
        pass(IDLE.minusSeconds(1));

        send("GET /hea");
        pass(HEADER.minusMillis(1));
        assertThat(channel.isOpen()).as("within the header timeout").isTrue();
        pass(Duration.ofMillis(1));

        assertThat(channel.isOpen())
                .as("the idle timeout would have been later")
                .isFalse();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void pipelinedRequestsKeepTheConnectionServingUntilTheLastIsAnswered() {
        send(HEAD + HEAD);
        answer(HttpResponseStatus.OK);

        pass(IDLE.multipliedBy(2));
        assertThat(channel.isOpen()).as("the second is unanswered").isTrue();
        answer(HttpResponseStatus.OK);
        pass(IDLE);

        assertThat(channel.isOpen()).isFalse();
        dropInbound();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static EmbeddedChannel open() {
        EmbeddedChannel channel = new EmbeddedChannel(
                false, false, new ServerCodec(4096, 8192, 8192), new ConnectionTimeouts(HEADER, IDLE));
        channel.freezeTime(); // before the connection opens, so that its timer starts at the frozen time
        try {
            channel.register();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return channel;
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    private void answer(HttpResponseStatus status) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        channel.writeOutbound(response);
        channel.releaseOutbound();
    }

    /** Drops what the codec read: the requests are not this test's concern. */
    private void dropInbound() {
        for (Object message = channel.readInbound(); message != null; message = channel.readInbound()) {
            ReferenceCountUtil.release(message);
        }
    }

    private void pass(Duration time) {
        channel.advanceTimeBy(time.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
    }
}
