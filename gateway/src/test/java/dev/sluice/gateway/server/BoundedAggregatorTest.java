package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BoundedAggregatorTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new BoundedAggregator(16));

    @Test
    void aBodyWithinTheLimitPassesThroughWhole() {
        post("0123456789");

        FullHttpRequest aggregated = channel.readInbound();
        assertThat(aggregated.content().toString(StandardCharsets.UTF_8)).isEqualTo("0123456789");
        aggregated.release();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anOversizedBodyGetsSluicesOwn413AndTheConnectionCloses() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke/hello");
        start.headers().set(HttpHeaderNames.CONTENT_LENGTH, 20);

        channel.writeInbound(start);

        FullHttpResponse response = channel.readOutbound();
        assertRefused(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "larger than 16 bytes (20 sent)");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anOversizedBodyAnnouncedWithExpectContinueGets413BeforeItIsSent() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke/hello");
        start.headers().set(HttpHeaderNames.CONTENT_LENGTH, 100).set(HttpHeaderNames.EXPECT, "100-continue");

        channel.writeInbound(start);

        FullHttpResponse response = channel.readOutbound();
        assertRefused(response, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "larger than 16 bytes (100 sent)");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anUnknownExpectationGets417WithARequestId() {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke/hello");
        start.headers().set(HttpHeaderNames.CONTENT_LENGTH, 4).set(HttpHeaderNames.EXPECT, "teapot");

        channel.writeInbound(start);

        FullHttpResponse response = channel.readOutbound();
        assertRefused(response, HttpResponseStatus.EXPECTATION_FAILED, "Expect: teapot is not supported");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /** Sends a request the way the decoder hands it on: its head, then its body as the last content. */
    private void post(String body) {
        HttpRequest start = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke/hello");
        start.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length());
        channel.writeInbound(start);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
    }

    private static void assertRefused(FullHttpResponse response, HttpResponseStatus status, String message) {
        try {
            assertThat(response.status()).isEqualTo(status);
            assertThat(response.headers().get("X-Fc-Request-Id")).isNotBlank();
            assertThat(response.headers().get("X-Fc-Error-Type")).isNotBlank();
            assertThat(response.content().toString(StandardCharsets.UTF_8)).contains(message);
        } finally {
            response.release();
        }
    }
}
