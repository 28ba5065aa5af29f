package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.FcError;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class HeadChecksTest {
    /** Refuses {@code /system/functions} as the routes would without the admin token. */
    private static final HeadChecks.Refusals ADMIN = head -> head.uri().startsWith("/system/functions")
            ? Responses.error(FcError.UNAUTHORIZED, "deploying needs the admin token", "id", null, null)
            : null;

    @Test
    void aRequestFramedByChunkedAloneGoesOn() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));

        channel.writeInbound(post("/invoke/echo", "Transfer-Encoding", "Chunked"));

        assertThat(passedUri(channel)).isEqualTo("/invoke/echo");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aCodingBeforeChunkedIs501AndClosesTheConnection() {
        assertRefused("gzip, chunked", 501, "NotImplemented", "the gateway decodes no transfer coding but chunked");
    }

    @Test
    void transferCodingsWithoutChunkedLastAre400AndCloseTheConnection() {
        assertRefused("gzip", 400, "BadRequest", "the body's length cannot be known");
        assertRefused("chunked, gzip", 400, "BadRequest", "the body's length cannot be known");
        assertRefused("chunked, chunked", 400, "BadRequest", "the body's length cannot be known");
        assertRefused(",", 400, "BadRequest", "the body's length cannot be known");
    }

    @Test
    void transferEncodingInAnHttp10RequestIs400() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.POST, "/invoke/echo");
        head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, "chunked");

        channel.writeInbound(head);

        assertAnswer(channel, 400, "in an HTTP/1.0 request");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aReserveConnectionServesTheOperatorsPathsOnceAndNothingElse() {
        ConnectionLimit.Slot slot = reserve();
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, slot));

        channel.writeInbound(get("/healthz"));

        HttpRequest passed = channel.readInbound();
        assertThat(passed.uri()).isEqualTo("/healthz");
        assertThat(HttpUtil.isKeepAlive(passed)).as("closed after its answer").isFalse();
        assertThat(slot.hasAsked()).isTrue();
        channel.writeInbound(get("/invoke/echo"));
        FullHttpResponse refused = channel.readOutbound();
        assertThat(refused.status().code()).isEqualTo(503);
        assertThat(refused.headers().get(Responses.ERROR_TYPE)).isEqualTo("TooManyConnections");
        assertThat(refused.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        refused.release();
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theOperatorsPathsAreHealthReadinessMetricsAndSystem() {
        assertThat(HeadChecks.isForOperators("/healthz")).isTrue();
        assertThat(HeadChecks.isForOperators("/readyz")).isTrue();
        assertThat(HeadChecks.isForOperators("/metrics")).isTrue();
        assertThat(HeadChecks.isForOperators("/system/functions?x=1")).isTrue();
        assertThat(HeadChecks.isForOperators("/healthz?x=1"))
                .as("not /healthz, as routing says")
                .isFalse();
        assertThat(HeadChecks.isForOperators("/invoke/system")).isFalse();
        assertThat(HeadChecks.isForOperators("/systemd")).isFalse();
    }

    @Test
    void aRefusedRequestWithASmallBodyHasItReadAndDroppedAndTheConnectionGoesOn() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));
        HttpContent body = new DefaultHttpContent(Unpooled.copiedBuffer("functions:", StandardCharsets.UTF_8));

        channel.writeInbound(put(10), body, LastHttpContent.EMPTY_LAST_CONTENT, get("/healthz"));

        assertAnswer(channel, 401, "deploying needs the admin token");
        assertThat(body.refCnt()).as("dropped").isZero();
        assertThat(passedUri(channel)).isEqualTo("/healthz");
        assertThat(channel.isOpen()).isTrue();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRefusedRequestWithALargeBodyClosesTheConnectionWithoutReadingIt() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));

        channel.writeInbound(put(HeadChecks.DRAIN_LIMIT + 1));

        FullHttpResponse response = assertAnswer(channel, 401, "admin token");
        assertThat(response.headers().get(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRefusedRequestThatExpectsToContinueClosesTheConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));
        HttpRequest head = put(10);
        head.headers().set(HttpHeaderNames.EXPECT, "100-continue");

        channel.writeInbound(head);

        assertAnswer(channel, 401, "admin token");
        assertThat(channel.isOpen()).as("the client may never send the body").isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private static void assertRefused(String codings, int status, String type, String message) {
        EmbeddedChannel channel = new EmbeddedChannel(new HeadChecks(ADMIN, null));

        channel.writeInbound(post("/invoke/echo", "Transfer-Encoding", codings));

        FullHttpResponse response = assertAnswer(channel, status, message);
        assertThat(response.headers().get(Responses.ERROR_TYPE)).isEqualTo(type);
        assertThat(channel.<Object>readInbound()).as("nothing passes").isNull();
        assertThat(channel.isOpen()).as("what follows cannot be framed").isFalse();
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    /** Checks the answer written, and returns it (already released: headers only). */
    private static FullHttpResponse assertAnswer(EmbeddedChannel channel, int status, String message) {
        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(status);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains(message);
        assertThat(response.headers().get(Responses.REQUEST_ID)).isNotBlank();
        response.release();
        return response;
    }

    private static String passedUri(EmbeddedChannel channel) {
        Object passed = channel.readInbound();
        assertThat(passed).isInstanceOf(HttpRequest.class);
        String uri = ((HttpRequest) passed).uri();
        for (Object message = passed; message != null; message = channel.readInbound()) {
            ReferenceCountUtil.release(message);
        }
        return uri;
    }

    private static ConnectionLimit.Slot reserve() {
        return new ConnectionLimit.Slot(new EmbeddedChannel(), new AtomicInteger(1), true);
    }

    private static HttpRequest get(String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
    }

    private static HttpRequest put(long length) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.PUT, "/system/functions");
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        return head;
    }

    private static HttpRequest post(String uri, String header, @Nullable String value) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        if (value != null) {
            head.headers().set(header, value);
        }
        return head;
    }
}
