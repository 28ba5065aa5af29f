package dev.sluice.gateway.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UiHandlerTest {
    private final UiHandler ui = new UiHandler();

    @Test
    void servesThePageAtUiWithAndWithoutTheSlash() {
        for (String path : new String[] {"/ui", "/ui/", "/ui/index.html"}) {
            Answer answer = ask(HttpMethod.GET, path);

            assertThat(answer.status).as(path).isEqualTo(200);
            assertThat(answer.contentType).as(path).isEqualTo("text/html; charset=utf-8");
            assertThat(answer.body)
                    .as(path)
                    .contains("<title>Sluice dashboard</title>", "/ui/dashboard.js", "/ui/releases.js");
        }
    }

    @Test
    void servesEachAssetWithItsContentType() {
        assertThat(ask(HttpMethod.GET, "/ui/dashboard.js").contentType).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ask(HttpMethod.GET, "/ui/dashboard.css").contentType).isEqualTo("text/css; charset=utf-8");
        assertThat(ask(HttpMethod.GET, "/ui/dashboard.js").body).contains("new EventSource(");
        assertThat(ask(HttpMethod.GET, "/ui/releases.js").contentType).isEqualTo("text/javascript; charset=utf-8");
        assertThat(ask(HttpMethod.GET, "/ui/releases.js").body).contains("function fillReleases(");
    }

    @Test
    void answersUnknownFilesWith404() {
        Answer answer = ask(HttpMethod.GET, "/ui/../pom.xml");

        assertThat(answer.status).isEqualTo(404);
        assertThat(answer.body).contains("\"errorType\":\"NotFound\"");
        assertThat(ask(HttpMethod.GET, "/ui/missing.js").status).isEqualTo(404);
    }

    @Test
    void answersHeadWithTheLengthButNoBody() {
        Answer get = ask(HttpMethod.GET, "/ui/dashboard.css");
        Answer head = ask(HttpMethod.HEAD, "/ui/dashboard.css");

        assertThat(head.status).isEqualTo(200);
        assertThat(head.body).isEmpty();
        assertThat(head.contentLength).isEqualTo(get.contentLength).isPositive();
    }

    @Test
    void refusesOtherMethods() {
        Answer answer = ask(HttpMethod.POST, "/ui");

        assertThat(answer.status).isEqualTo(405);
        assertThat(answer.allow).isEqualTo("GET, HEAD");
    }

    @Test
    void servesOnlyUiAndBelow() {
        assertThat(UiHandler.serves("/ui")).isTrue();
        assertThat(UiHandler.serves("/ui/dashboard.js")).isTrue();
        assertThat(UiHandler.serves("/uix")).isFalse();
        assertThat(UiHandler.serves("/")).isFalse();
    }

    private record Answer(int status, String contentType, int contentLength, String allow, String body) {}

    private Answer ask(HttpMethod method, String path) {
        EmbeddedChannel channel = new EmbeddedChannel(new SimpleChannelInboundHandler<FullHttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                ui.handle(ctx, request, path, "req-1", true);
            }
        });
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path));
        FullHttpResponse response = channel.readOutbound();
        try {
            return new Answer(
                    response.status().code(),
                    response.headers().get(HttpHeaderNames.CONTENT_TYPE, ""),
                    response.headers().getInt(HttpHeaderNames.CONTENT_LENGTH, -1),
                    response.headers().get(HttpHeaderNames.ALLOW, ""),
                    response.content().toString(StandardCharsets.UTF_8));
        } finally {
            response.release();
            assertThat(channel.finishAndReleaseAll()).isFalse();
        }
    }
}
