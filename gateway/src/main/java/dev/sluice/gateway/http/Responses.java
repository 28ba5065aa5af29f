package dev.sluice.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.scheduler.api.FcError;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds and writes the gateway's own responses. Every response carries {@code X-Fc-Request-Id}; platform errors are
 * JSON {@code {"errorType", "errorMessage", ...}} with the same type in {@code X-Fc-Error-Type}.
 */
public final class Responses {
    public static final String REQUEST_ID = "X-Fc-Request-Id";
    public static final String ERROR_TYPE = "X-Fc-Error-Type";
    public static final ObjectMapper JSON = new ObjectMapper();

    private Responses() {}

    /** Returns a response with a JSON body. */
    public static FullHttpResponse json(HttpResponseStatus status, Object body, String requestId) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body: not serializable to JSON (" + e.getMessage() + ")", e);
        }
        return bytes(status, Unpooled.wrappedBuffer(bytes), HttpHeaderValues.APPLICATION_JSON.toString(), requestId);
    }

    /** Returns a response with the given body and content type. */
    public static FullHttpResponse bytes(
            HttpResponseStatus status, ByteBuf body, String contentType, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                .set(REQUEST_ID, requestId);
        return response;
    }

    /** Returns a platform error response: FC's error body, {@code error}'s status and type. */
    public static FullHttpResponse error(
            FcError error, String message, String requestId, @Nullable String function, @Nullable String instance) {
        String errorType = error.type();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("errorType", errorType);
        body.put("errorMessage", message);
        if (function != null) {
            body.put("function", function);
        }
        if (instance != null) {
            body.put("instance", instance);
        }
        FullHttpResponse response = json(HttpResponseStatus.valueOf(error.status()), body, requestId);
        response.headers().set(ERROR_TYPE, errorType);
        return response;
    }

    /**
     * Writes {@code response}, keeping the connection open only when the request allows it and the response does
     * not already say {@code Connection: close}.
     */
    public static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean requestKeepAlive) {
        boolean keepAlive = requestKeepAlive
                && !response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Returns a UTF-8 text body. */
    public static ByteBuf text(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
    }
}
