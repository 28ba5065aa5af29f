package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExchangeHandlerTest {
    private static final long TIMEOUT_MILLIS = 3_000;

    private final ExchangeHandler handler = new ExchangeHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);
    private final Recorder listener = new Recorder();
    private final RecordingPool pool = new RecordingPool();

    ExchangeHandlerTest() {
        // Only the test moves the channel's clock: a slow machine must not fire the timeout on its own.
        channel.freezeTime();
    }

    @Test
    void aResponseReachesTheListenerPieceByPieceAndTheChannelGoesBackToItsPool() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);

        channel.writeInbound(head(HttpResponseStatus.OK), content("ab"), last("cd"));

        assertThat(listener.events).containsExactly("head 200", "content ab", "last cd");
        assertThat(pool.released).containsExactly(channel);
        assertThat(channel.isOpen()).as("kept alive for the next exchange").isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aResponseThatEndsTheConnectionClosesTheChannelAsItGoesBack() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        HttpResponse head = head(HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

        channel.writeInbound(head, last("done"));

        assertThat(listener.events).containsExactly("head 200", "last done");
        assertThat(pool.released).as("the pool drops it as unhealthy").containsExactly(channel);
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anInterimResponseNeverReachesTheListener() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        LastHttpContent interimBody = last("interim");

        channel.writeInbound(head(HttpResponseStatus.CONTINUE), interimBody);
        channel.writeInbound(head(HttpResponseStatus.OK), last("real"));

        assertThat(listener.events).containsExactly("head 200", "last real");
        assertThat(interimBody.refCnt()).as("released").isZero();
        assertThat(pool.released).containsExactly(channel);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aResponseWhenNoExchangeIsInProgressIsReleasedAndClosesTheChannel() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        channel.writeInbound(head(HttpResponseStatus.OK), last("answer"));
        ByteBuf stray = Unpooled.copiedBuffer("late", StandardCharsets.UTF_8);

        channel.writeInbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, stray));

        assertThat(stray.refCnt()).as("released").isZero();
        assertThat(channel.isOpen())
                .as("never mistaken for the next exchange's answer")
                .isFalse();
        assertThat(listener.events).containsExactly("head 200", "last answer");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void noAnswerWithinTheTimeoutFailsTheExchangeAndClosesTheChannel() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);

        channel.advanceTimeBy(TIMEOUT_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(listener.events).isEmpty();
        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(listener.events).containsExactly("failed TimeoutException");
        assertThat(channel.isOpen()).isFalse();
        assertThat(pool.released)
                .as("the pool drops a closed channel on its next acquire")
                .isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aCompleteResponseCancelsItsTimeout() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        channel.writeInbound(head(HttpResponseStatus.OK), last("in time"));

        channel.advanceTimeBy(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(listener.events).containsExactly("head 200", "last in time");
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theChannelClosingMidResponseFailsTheExchange() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        channel.writeInbound(head(HttpResponseStatus.OK), content("part"));

        channel.close();

        assertThat(listener.events).containsExactly("head 200", "content part", "failed IOException");
        assertThat(pool.released).isEmpty();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aMalformedResponseFailsTheExchangeAndClosesTheChannel() {
        handler.begin(channel, listener, pool, TIMEOUT_MILLIS);
        HttpResponse head = head(HttpResponseStatus.OK);
        head.setDecoderResult(DecoderResult.failure(new IllegalArgumentException("bad header")));

        channel.writeInbound(head);

        assertThat(listener.events).containsExactly("failed IOException");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static HttpResponse head(HttpResponseStatus status) {
        return new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
    }

    private static HttpContent content(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static LastHttpContent last(String text) {
        return new DefaultLastHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    /** A listener that writes down what reaches it and releases each piece, as a real one takes them over. */
    private static final class Recorder implements ResponseListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void head(HttpResponse head) {
            events.add("head " + head.status().code());
        }

        @Override
        public void content(HttpContent content) {
            String kind = content instanceof LastHttpContent ? "last " : "content ";
            events.add(kind + content.content().toString(StandardCharsets.UTF_8));
            content.release();
        }

        @Override
        public void failed(Throwable cause) {
            events.add("failed " + cause.getClass().getSimpleName());
        }
    }

    /** A pool that only writes down the channels given back to it. */
    private static final class RecordingPool implements ChannelPool {
        final List<Channel> released = new ArrayList<>();

        @Override
        public Future<Channel> acquire() {
            throw new UnsupportedOperationException("the handler never acquires");
        }

        @Override
        public Future<Channel> acquire(Promise<Channel> promise) {
            throw new UnsupportedOperationException("the handler never acquires");
        }

        @Override
        public Future<Void> release(Channel given) {
            return release(given, given.eventLoop().newPromise());
        }

        @Override
        public Future<Void> release(Channel given, Promise<Void> promise) {
            released.add(given);
            return promise.setSuccess(null);
        }

        @Override
        public void close() {}
    }
}
