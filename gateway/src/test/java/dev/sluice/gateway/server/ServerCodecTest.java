package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ServerCodecTest {
    private final EmbeddedChannel channel = new EmbeddedChannel(new ServerCodec(4096, 8192, 8192));

    @Test
    void aRequestWithContentLengthAndTransferEncodingIsReadAsChunkedAndSaysClose() {
        String sent =
                "POST /invoke/echo HTTP/1.1\r\nHost: sluice\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n";
        send(sent + "5\r\nhello\r\n0\r\n\r\n");

        HttpRequest head = channel.readInbound();
        assertThat(HttpUtil.isKeepAlive(head))
                .as("the connection ends with its response")
                .isFalse();
        assertThat(head.headers().contains(HttpHeaderNames.CONTENT_LENGTH)).isFalse();
        assertThat(body()).isEqualTo("hello");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aRequestWithContentLengthAloneKeepsTheConnection() {
        send("POST /invoke/echo HTTP/1.1\r\nHost: sluice\r\nContent-Length: 5\r\n\r\nhello");

        HttpRequest head = channel.readInbound();
        assertThat(HttpUtil.isKeepAlive(head)).isTrue();
        assertThat(body()).isEqualTo("hello");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    @Test
    void theResponseToAHeadHasNoBodyAndTheNextResponseHasItsOwn() {
        send("HEAD /page HTTP/1.1\r\nHost: sluice\r\n\r\nGET /page HTTP/1.1\r\nHost: sluice\r\n\r\n");
        channel.<HttpRequest>readInbound();
        channel.<LastHttpContent>readInbound();
        channel.<HttpRequest>readInbound();
        channel.<LastHttpContent>readInbound();

        assertThat(written(chunked())).as("the answer to HEAD").doesNotContain("0\r\n\r\n");
        assertThat(written(chunked())).as("the answer to GET").endsWith("0\r\n\r\n");
        assertThat(channel.finishAndReleaseAll()).isFalse();
    }

    private void send(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.US_ASCII));
    }

    /** Returns the body read, its pieces joined. */
    private String body() {
        StringBuilder body = new StringBuilder();
        for (Object piece = channel.readInbound(); piece != null; piece = channel.readInbound()) {
            HttpContent content = (HttpContent) piece;
            body.append(content.content().toString(StandardCharsets.US_ASCII));
            content.release();
        }
        return body.toString();
    }

    private static HttpResponse chunked() {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpUtil.setTransferEncodingChunked(response, true);
        return response;
    }

    /** Writes {@code head} and an empty last piece; returns the bytes that went out. */
    private String written(HttpResponse head) {
        channel.writeOutbound(head, LastHttpContent.EMPTY_LAST_CONTENT);
        StringBuilder bytes = new StringBuilder();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            ByteBuf buffer = (ByteBuf) out;
            bytes.append(buffer.toString(StandardCharsets.US_ASCII));
            buffer.release();
        }
        return bytes.toString();
    }
}
