package dev.sluice.gateway.trigger;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.invoke.Dispatcher;
import dev.sluice.scheduler.Scheduler;
import dev.sluice.scheduler.pool.Lease;
import dev.sluice.scheduler.protocol.FcHeaders;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP-trigger invocations: a request on a trigger path (or FC's proxy URL, {@code
 * /2016-08-15/proxy/{service}/{function}/...}) goes to the function unchanged (method, path, query, headers, body)
 * with {@code x-fc-control-path: /http-invoke} and {@code x-forwarded-for} / {@code x-forwarded-host}, and the
 * function's status, headers and body come back. A function
 * error ({@code x-fc-status: 404}) becomes 500 with {@code X-Fc-Error-Type: UnhandledInvocationError} and the
 * runtime's error body.
 */
public final class HttpTriggerHandler {
    private static final Pattern FC_PROXY = Pattern.compile("^/2016-08-15/proxy/[^/]+/([^/?#]+)(/[^?#]*)?([?#].*)?$");
    /** Hop-by-hop headers (RFC 9110 7.6.1) are the connection's own, never forwarded. */
    private static final Set<String> HOP_BY_HOP =
            Set.of("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade");

    private final Scheduler scheduler;
    private final Dispatcher dispatcher;
    private volatile Cached cached = new Cached(List.of(), TriggerRoutes.of(List.of()));

    /** The routes derived from one deployment, reused while that deployment stands. */
    private record Cached(List<FunctionSpec> deployed, TriggerRoutes routes) {}

    public HttpTriggerHandler(Scheduler scheduler, Dispatcher dispatcher) {
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
    }

    /**
     * Handles the request if a trigger (or the FC proxy URL form) covers it, on its event loop, and returns true;
     * returns false, doing nothing, when none does. Does not take over {@code request}'s reference.
     */
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        String uri = request.uri();
        Matcher proxy = FC_PROXY.matcher(uri);
        FunctionSpec function;
        String forwardedUri;
        Set<String> methods;
        if (proxy.matches()) {
            function = dispatcher.function(proxy.group(1));
            if (function == null || function.triggers().isEmpty()) {
                Responses.write(ctx, noTrigger(proxy.group(1), function == null, requestId), keepAlive);
                return true;
            }
            String rest = proxy.group(2) == null ? "/" : proxy.group(2);
            forwardedUri = rest + (proxy.group(3) == null ? "" : proxy.group(3));
            methods = TriggerRoutes.methodsOf(function);
        } else {
            TriggerRoutes.Route route = routes().match(uri.split("[?#]", 2)[0]);
            if (route == null) {
                return false;
            }
            function = route.function();
            forwardedUri = uri;
            methods = route.trigger().methods();
        }
        String method = request.method().name().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            FullHttpResponse response = Responses.error(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "MethodNotAllowed",
                    method + " " + uri + ": the trigger of \"" + function.name() + "\" accepts " + methods,
                    requestId,
                    function.name(),
                    null);
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", methods));
            Responses.write(ctx, response, keepAlive);
            return true;
        }
        dispatcher.dispatch(ctx, function, requestId, keepAlive, new TriggerCall(request, forwardedUri, clientIp(ctx)));
        return true;
    }

    private TriggerRoutes routes() {
        List<FunctionSpec> deployed = scheduler.deployed();
        Cached current = cached;
        if (current.deployed() != deployed) {
            current = new Cached(deployed, TriggerRoutes.of(deployed));
            cached = current;
        }
        return current.routes();
    }

    private static FullHttpResponse noTrigger(String name, boolean unknown, String requestId) {
        if (unknown) {
            return Dispatcher.notDeployed(name, requestId);
        }
        return Responses.error(
                HttpResponseStatus.NOT_FOUND,
                "TriggerNotFound",
                "function \"" + name + "\" has no HTTP trigger (add triggers: [{http: {path: /...}}] to it)",
                requestId,
                name,
                null);
    }

    private static String clientIp(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "127.0.0.1";
    }

    /** One HTTP-trigger call: the client's request, passed through. */
    private static final class TriggerCall implements Dispatcher.Call {
        private final FullHttpRequest original;
        private final String uri;
        private final String clientIp;
        private final ByteBuf body;

        TriggerCall(FullHttpRequest original, String uri, String clientIp) {
            this.original = original;
            this.uri = uri;
            this.clientIp = clientIp;
            this.body = original.content().retainedDuplicate();
        }

        @Override
        public FullHttpRequest request(Lease lease) {
            FullHttpRequest call = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, original.method(), uri, body);
            HttpHeaders headers = call.headers();
            for (Map.Entry<String, String> header : original.headers()) {
                String name = header.getKey().toLowerCase(Locale.ROOT);
                // x-fc-* are the platform's to set: a client must not pose as the platform.
                if (!HOP_BY_HOP.contains(name) && !name.startsWith("x-fc-")) {
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
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes())
                    .set(FcHeaders.CONTROL_PATH, "/http-invoke");
            return call;
        }

        @Override
        public FullHttpResponse answer(FullHttpResponse reply, String requestId) {
            try {
                // Only x-fc-status marks a function error here: an HTTP function may answer 404 on purpose.
                if ("404".equals(reply.headers().get(FcHeaders.STATUS))) {
                    FullHttpResponse error = Responses.bytes(
                            HttpResponseStatus.INTERNAL_SERVER_ERROR,
                            reply.content().retain(),
                            "application/json",
                            requestId);
                    error.headers().set(Responses.ERROR_TYPE, "UnhandledInvocationError");
                    return error;
                }
                FullHttpResponse response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, reply.status(), reply.content().retain());
                for (Map.Entry<String, String> header : reply.headers()) {
                    String name = header.getKey().toLowerCase(Locale.ROOT);
                    if (!HOP_BY_HOP.contains(name) && !name.equals("content-length") && !name.startsWith("x-fc-")) {
                        response.headers().add(header.getKey(), header.getValue());
                    }
                }
                response.headers()
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.content().readableBytes())
                        .set(Responses.REQUEST_ID, requestId);
                return response;
            } finally {
                reply.release();
            }
        }

        @Override
        public void abandon() {
            body.release();
        }
    }
}
