package dev.sluice.gateway.trigger;

import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FcHeaders;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** What an HTTP-trigger call passes on in each direction: the client's headers to the function, and back. */
final class TriggerHeaders {
    /**
     * Hop-by-hop headers (RFC 9110 7.6.1) are the connection's own, never forwarded; the body's framing is set for
     * each hop, and {@code Expect} is answered by the gateway.
     */
    private static final Set<String> CONNECTION_OWN = Set.of(
            "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "te",
            "trailer",
            "upgrade",
            "content-length",
            "expect");

    private TriggerHeaders() {}

    /**
     * Returns the head of the request for the instance: the client's method, headers and {@code uri}, the body framed
     * as the client framed it, {@code x-forwarded-for} / {@code x-forwarded-host}, and FC's HTTP control path.
     */
    static HttpRequest toInstance(HttpRequest original, String uri, String clientIp) {
        HttpRequest head = new DefaultHttpRequest(HttpVersion.HTTP_1_1, original.method(), uri);
        HttpHeaders headers = head.headers();
        for (Map.Entry<String, String> header : original.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // x-fc-* are the platform's to set: a client must not pose as the platform.
            if (!CONNECTION_OWN.contains(name) && !name.startsWith("x-fc-")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        String forwarded = original.headers().get("x-forwarded-for");
        String host = original.headers().get(HttpHeaderNames.HOST);
        if (host != null && !original.headers().contains("x-forwarded-host")) {
            // Host becomes the instance's address on the way; the function still sees the one the client used.
            headers.set("x-forwarded-host", host);
        }
        headers.set("x-forwarded-for", forwarded == null ? clientIp : forwarded + ", " + clientIp)
                .set(FcHeaders.CONTROL_PATH, "/http-invoke");
        long length = HttpUtil.getContentLength(original, -1L);
        if (length >= 0) {
            HttpUtil.setContentLength(head, length);
        } else if (HttpUtil.isTransferEncodingChunked(original)) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        return head;
    }

    /**
     * Returns the head of the client's response: the function's status and headers, or, for a function error
     * ({@code x-fc-status: 404}), 500 with {@code X-Fc-Error-Type: UnhandledInvocationError} over the runtime's error
     * body. A body of unknown length goes out chunked.
     *
     * @param bodyless whether the response has no body whatever its headers say (an answer to HEAD, 204, 304)
     */
    static HttpResponse toClient(HttpResponse reply, String requestId, boolean bodyless) {
        // Only x-fc-status marks a function error here: an HTTP function may answer 404 on purpose.
        boolean functionError = "404".equals(reply.headers().get(FcHeaders.STATUS));
        HttpResponse head = new DefaultHttpResponse(
                HttpVersion.HTTP_1_1, functionError ? HttpResponseStatus.INTERNAL_SERVER_ERROR : reply.status());
        HttpHeaders headers = head.headers();
        for (Map.Entry<String, String> header : reply.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!CONNECTION_OWN.contains(name) && !name.startsWith("x-fc-")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        if (functionError) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                    .set(Responses.ERROR_TYPE, FcError.UNHANDLED_INVOCATION_ERROR.type());
        }
        long length = HttpUtil.getContentLength(reply, -1L);
        if (length >= 0) {
            HttpUtil.setContentLength(head, length);
        } else if (!bodyless) {
            HttpUtil.setTransferEncodingChunked(head, true);
        }
        headers.set(Responses.REQUEST_ID, requestId);
        return head;
    }

    /** Returns whether the answer to {@code request} with {@code status} can have no body (RFC 9110 6.4.1). */
    static boolean bodyless(HttpRequest request, HttpResponseStatus status) {
        int code = status.code();
        return request.method().name().equals("HEAD") || code == 204 || code == 304;
    }
}
