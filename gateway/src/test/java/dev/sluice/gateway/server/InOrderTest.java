package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InOrderTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new InOrder());

    @Test
    void aRequestReadWhileTheOneBeforeIsUnansweredWaitsForItsResponse() {
        channel.writeInbound(request("/first"), request("/second"));

        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");
        assertThat(channel.<Object>readInbound()).as("the second waits").isNull();
        assertThat(channel.config().isAutoRead()).as("and nothing more is read").isFalse();

        answer(true);

        assertThat(uriOf(channel.readInbound())).isEqualTo("/second");
        assertThat(channel.config().isAutoRead()).isTrue();
        answer(true);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theBodyOfAWaitingRequestPassesOnWithIt() {
        HttpRequest streamed = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/second");
        HttpUtil.setTransferEncodingChunked(streamed, true);
        channel.writeInbound(request("/first"), streamed, content("a"), LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");

        answer(true);

        assertThat(uriOf(channel.readInbound())).isEqualTo("/second");
        HttpContent piece = channel.readInbound();
        assertThat(piece.content().toString(StandardCharsets.UTF_8)).isEqualTo("a");
        piece.release();
        assertThat(channel.<Object>readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        answer(true);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void onlyOneWaitingRequestPassesOnPerResponse() {
        channel.writeInbound(request("/first"), request("/second"), request("/third"));
        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");

        answer(true);

        assertThat(uriOf(channel.readInbound())).isEqualTo("/second");
        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(channel.config().isAutoRead()).isFalse();
        answer(true);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/third");
        answer(true);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aContinueDoesNotLetTheNextRequestGo() {
        channel.writeInbound(request("/first"), request("/second"));
        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
        channel.runPendingTasks();

        assertThat(channel.<Object>readInbound()).isNull();
        answer(true);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/second");
        answer(true);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aResponseThatClosesTheConnectionDropsTheRequestsThatWait() {
        FullHttpRequest second = request("/second");
        channel.writeInbound(request("/first"), second);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");

        answer(false);

        assertThat(channel.<Object>readInbound()).isNull();
        assertThat(second.refCnt()).as("released").isZero();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theBodyOfARequestAnsweredEarlyStillPassesAndTheNextRequestGoesAtOnce() {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/first");
        HttpUtil.setTransferEncodingChunked(head, true);
        channel.writeInbound(head);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/first");
        answer(true);

        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT, request("/second"));

        assertThat(channel.<Object>readInbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(uriOf(channel.readInbound())).isEqualTo("/second");
        answer(true);
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /** Writes the response to the request passed on last, and lets the channel go on from it. */
    private void answer(boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        HttpUtil.setKeepAlive(response, keepAlive);
        channel.writeOutbound(response);
        channel.releaseOutbound();
        channel.runPendingTasks();
    }

    private static FullHttpRequest request(String uri) {
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static HttpContent content(String text) {
        return new DefaultHttpContent(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    }

    private static String uriOf(Object message) {
        assertThat(message).isInstanceOf(HttpRequest.class);
        String uri = ((HttpRequest) message).uri();
        ReferenceCountUtil.release(message);
        return uri;
    }
}
