package dev.sluice.gateway.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.invoke.Dispatcher;
import dev.sluice.gateway.invoke.FcReplies;
import dev.sluice.gateway.trace.Traceparent;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FcHeaders;
import dev.sluice.scheduler.api.Lease;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP-trigger call delivered as FC 3.0's HTTP event: the request becomes a JSON document for the function's
 * event handler, and the handler's answer object becomes the response.
 *
 * <pre>
 * GET /hello/greet?name=a  ─▶ {"version": "v1", "rawPath": "/greet", "queryParameters": {"name": "a"},
 *                              "headers": {...}, "body": "", "isBase64Encoded": false, "requestContext": {...}}
 * {"statusCode": 201, "headers": {"x": "1"}, "body": "aGk=", "isBase64Encoded": true}  ─▶ 201, x: 1, "hi"
 * "plain text" (any other answer)                                                      ─▶ 200, "plain text"
 * </pre>
 *
 * <p>Repeated header and query values are joined with commas, as FC does. A body that is UTF-8 text goes as text,
 * anything else in base64. A function error answers 500 {@code UnhandledInvocationError}, as for other triggers.
 */
final class HttpEventCall implements Dispatcher.Call {
    private final ByteBuf event;
    private final @Nullable String traceparent;

    private HttpEventCall(ByteBuf event, @Nullable String traceparent) {
        this.event = event;
        this.traceparent = traceparent;
    }

    @Override
    public @Nullable String traceparent() {
        return traceparent;
    }

    /** Returns the call for {@code request}, routed to {@code target}, from {@code clientIp}. */
    static HttpEventCall of(
            FullHttpRequest request, HttpTriggerHandler.Target target, String clientIp, String id, Instant now) {
        byte[] json;
        try {
            json = Responses.JSON.writeValueAsBytes(event(request, target, clientIp, id, now));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an event of strings and numbers always serializes", e);
        }
        return new HttpEventCall(Unpooled.wrappedBuffer(json), request.headers().get(Traceparent.HEADER));
    }

    /** Returns FC 3.0's HTTP event for {@code request} as the function mounted at {@code target} sees it. */
    static ObjectNode event(
            FullHttpRequest request, HttpTriggerHandler.Target target, String clientIp, String id, Instant now) {
        QueryStringDecoder uri = new QueryStringDecoder(target.uri());
        ObjectNode event = Responses.JSON.createObjectNode();
        event.put("version", "v1");
        event.put("rawPath", uri.rawPath());
        ObjectNode headers = event.putObject("headers");
        for (Iterator<Map.Entry<String, String>> it = request.headers().iteratorAsString(); it.hasNext(); ) {
            Map.Entry<String, String> header = it.next();
            JsonNode seen = headers.get(header.getKey());
            headers.put(header.getKey(), seen == null ? header.getValue() : seen.asText() + "," + header.getValue());
        }
        ObjectNode query = event.putObject("queryParameters");
        uri.parameters().forEach((name, values) -> query.put(name, String.join(",", values)));
        byte[] body = ByteBufUtil.getBytes(request.content());
        String text = utf8(body);
        event.put("body", text != null ? text : Base64.getEncoder().encodeToString(body));
        event.put("isBase64Encoded", text == null);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "local");
        String host = request.headers().get(HttpHeaderNames.HOST, "127.0.0.1");
        context.put("domainName", host);
        context.put("domainPrefix", target.function().name());
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().name());
        http.put("path", uri.rawPath());
        http.put("protocol", request.protocolVersion().text());
        http.put("sourceIp", clientIp);
        http.put("userAgent", request.headers().get(HttpHeaderNames.USER_AGENT, ""));
        context.put("requestId", id);
        context.put("time", now.toString());
        context.put("timeEpoch", Long.toString(now.toEpochMilli()));
        return event;
    }

    @Override
    public FullHttpRequest request(Lease lease) {
        FullHttpRequest call = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke", event);
        call.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, event.readableBytes())
                .set(FcHeaders.CONTROL_PATH, "/invoke");
        return call;
    }

    @Override
    public FullHttpResponse answer(FullHttpResponse reply, String requestId) {
        try {
            if (FcReplies.isFunctionError(reply)) {
                FullHttpResponse response = Responses.bytes(
                        HttpResponseStatus.INTERNAL_SERVER_ERROR,
                        reply.content().retain(),
                        HttpHeaderValues.APPLICATION_JSON.toString(),
                        requestId);
                response.headers().set(Responses.ERROR_TYPE, FcError.UNHANDLED_INVOCATION_ERROR.type());
                return response;
            }
            return response(ByteBufUtil.getBytes(reply.content()), reply, requestId);
        } finally {
            reply.release();
        }
    }

    /** Maps the handler's answer: an object with {@code statusCode} is a response; anything else is the body. */
    static FullHttpResponse response(byte[] answer, FullHttpResponse reply, String requestId) {
        JsonNode object = answerObject(answer);
        if (object == null) {
            String type = reply.headers().get(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            return Responses.bytes(HttpResponseStatus.OK, Unpooled.wrappedBuffer(answer), type, requestId);
        }
        JsonNode bodyNode = object.path("body");
        String bodyText =
                bodyNode.isTextual() ? bodyNode.asText() : bodyNode.isMissingNode() ? "" : bodyNode.toString();
        byte[] body = object.path("isBase64Encoded").asBoolean(false)
                ? Base64.getDecoder().decode(bodyText)
                : bodyText.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = Responses.bytes(
                HttpResponseStatus.valueOf(object.get("statusCode").asInt(200)),
                Unpooled.wrappedBuffer(body),
                "text/plain; charset=utf-8",
                requestId);
        object.path("headers").fields().forEachRemaining(header -> {
            if (!header.getKey().toLowerCase(Locale.ROOT).equals("content-length")) {
                response.headers().set(header.getKey(), header.getValue().asText());
            }
        });
        return response;
    }

    /** Returns the answer as a response object when it is JSON with a numeric {@code statusCode}, else null. */
    private static @Nullable JsonNode answerObject(byte[] answer) {
        try {
            JsonNode node = Responses.JSON.readTree(answer);
            return node != null && node.isObject() && node.path("statusCode").isInt() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Returns {@code bytes} as text when they are valid UTF-8, else null. */
    private static @Nullable String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    @Override
    public void abandon() {
        event.release();
    }
}
