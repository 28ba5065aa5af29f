package dev.sluice.gateway.server;

import dev.sluice.gateway.admin.AdminHandler;
import dev.sluice.gateway.http.RequestIds;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.http.Uris;
import dev.sluice.gateway.invoke.InvokeHandler;
import dev.sluice.gateway.metrics.MetricsHandler;
import dev.sluice.gateway.trigger.HttpTriggerHandler;
import dev.sluice.gateway.ui.UiHandler;
import dev.sluice.scheduler.api.FcError;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Routes each request by path. Shared by all connections; holds no per-connection state. */
@ChannelHandler.Sharable
final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final InvokeHandler invoke;
    private final HttpTriggerHandler triggers;
    private final AdminHandler admin;
    private final MetricsHandler metrics;
    private final UiHandler ui;
    private final Readiness readiness;

    GatewayHandler(
            InvokeHandler invoke,
            HttpTriggerHandler triggers,
            AdminHandler admin,
            MetricsHandler metrics,
            UiHandler ui,
            Readiness readiness) {
        this.readiness = readiness;
        this.invoke = invoke;
        this.triggers = triggers;
        this.admin = admin;
        this.metrics = metrics;
        this.ui = ui;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        String requestId = RequestIds.next();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            Responses.write(
                    ctx,
                    Responses.error(
                            FcError.BAD_REQUEST,
                            "malformed HTTP request: " + request.decoderResult().cause(),
                            requestId,
                            null,
                            null),
                    false);
            return;
        }
        String uri = request.uri();
        String path = Uris.path(uri);
        String function = InvokeHandler.functionOf(uri);
        if (MetricsHandler.serves(path)) {
            metrics.handle(ctx, request, path, requestId, keepAlive);
        } else if (UiHandler.serves(path)) {
            ui.handle(ctx, request, path, requestId, keepAlive);
        } else if (function != null) {
            invoke.handle(ctx, request, function, requestId, keepAlive);
        } else if (isUnder(uri, AdminHandler.PREFIX)) {
            admin.handle(ctx, request, requestId, keepAlive);
        } else if (uri.startsWith(InvokeHandler.RESULTS_PREFIX)) {
            invoke.result(ctx, request, requestId, keepAlive);
        } else if (uri.equals("/healthz")) {
            Responses.write(ctx, Responses.json(HttpResponseStatus.OK, Map.of("status", "ok"), requestId), keepAlive);
        } else if (uri.equals("/readyz")) {
            Responses.write(ctx, readyz(requestId), keepAlive);
        } else if (!triggers.handle(ctx, request, requestId, keepAlive)) {
            Responses.write(
                    ctx,
                    Responses.error(
                            FcError.NOT_FOUND,
                            "no route for " + request.method() + " " + uri + " (no function has an HTTP trigger on this"
                                    + " path; try POST /invoke/{function} or GET /system/functions)",
                            requestId,
                            null,
                            null),
                    keepAlive);
        }
    }

    /** Returns whether the gateway answers {@code uri} itself, whatever the HTTP triggers say. */
    static boolean servesItself(String uri) {
        String path = Uris.path(uri);
        return InvokeHandler.functionOf(uri) != null
                || MetricsHandler.serves(path)
                || UiHandler.serves(path)
                || isUnder(uri, AdminHandler.PREFIX)
                || uri.startsWith(InvokeHandler.RESULTS_PREFIX)
                || uri.equals("/healthz")
                || uri.equals("/readyz");
    }

    /**
     * Returns the answer to a request refused at its head, before its body is read: a change to the deployment
     * without the admin token. Returns null when the request goes on.
     */
    @Nullable
    FullHttpResponse refusalAtHead(HttpRequest head) {
        String uri = head.uri();
        if (InvokeHandler.functionOf(uri) != null || !isUnder(uri, AdminHandler.PREFIX)) {
            return null;
        }
        return admin.unauthorized(head, RequestIds.next());
    }

    /** 200 once the deployment the gateway started with is in place; 503 with what is pending before. */
    private FullHttpResponse readyz(String requestId) {
        if (readiness.isReady()) {
            return Responses.json(HttpResponseStatus.OK, Map.of("status", "ready"), requestId);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", readiness.status());
        body.put("pending", readiness.pending());
        FullHttpResponse response = Responses.json(HttpResponseStatus.SERVICE_UNAVAILABLE, body, requestId);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    /** Returns whether {@code uri} is {@code prefix} itself or below it ({@code /system/functionsX} is not). */
    private static boolean isUnder(String uri, String prefix) {
        if (!uri.startsWith(prefix)) {
            return false;
        }
        if (uri.length() == prefix.length()) {
            return true;
        }
        char next = uri.charAt(prefix.length());
        return next == '/' || next == '?' || next == '#';
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
