package dev.sluice.gateway.trigger;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.http.Uris;
import dev.sluice.gateway.invoke.AsyncResults;
import dev.sluice.gateway.invoke.Dispatcher;
import dev.sluice.gateway.trace.Traceparent;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.SchedulerException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * HTTP-trigger invocations: a request on a trigger path (or FC's proxy URL, {@code
 * /2016-08-15/proxy/{service}/{function}/...}) goes to the function unchanged (method, path, query, headers, body)
 * with {@code x-fc-control-path: /http-invoke} and {@code x-forwarded-for} / {@code x-forwarded-host}, and the
 * function's status, headers and body come back; see {@link TriggerHeaders}. Calls are streamed ({@link
 * TriggerExchange}), except asynchronous ones ({@code X-Fc-Invocation-Type: Async}), whose request is kept whole to
 * run after the client has its 202.
 */
public final class HttpTriggerHandler {
    private static final String FC_PROXY_PREFIX = "/2016-08-15/proxy/";
    private static final Pattern FC_PROXY = Pattern.compile("^/2016-08-15/proxy/([^/]+)/([^/?#]+)(/[^?#]*)?([?#].*)?$");

    private final Scheduler scheduler;
    private final Dispatcher dispatcher;
    private final AsyncResults results;
    private final long maxRequestBytes;
    private volatile Cached cached = new Cached(List.of(), TriggerRoutes.of(List.of()));

    /** The routes derived from one deployment, reused while that deployment stands. */
    private record Cached(List<FunctionSpec> deployed, TriggerRoutes routes) {}

    /** What a request's head says about it, when a trigger or the proxy URL form covers it. */
    public sealed interface Resolution {}

    /** The call runs {@code target}, with {@code uri} as its path and query. */
    public record Target(CallTarget target, String uri, boolean asEvent) implements Resolution {
        /** Returns the spec of the version that runs. */
        public FunctionSpec function() {
            return target.function();
        }
    }

    /** The request is answered at once with {@code response} (405, 404 for the proxy URL form). */
    public record Refusal(FullHttpResponse response) implements Resolution {}

    public HttpTriggerHandler(Scheduler scheduler, Dispatcher dispatcher, AsyncResults results, long maxRequestBytes) {
        this.scheduler = scheduler;
        this.dispatcher = dispatcher;
        this.results = results;
        this.maxRequestBytes = maxRequestBytes;
    }

    /** Returns where the request with {@code head} goes, or null when no trigger covers it. */
    public @Nullable Resolution resolve(HttpRequest head, String requestId) {
        String uri = head.uri();
        Matcher proxy = uri.startsWith(FC_PROXY_PREFIX) ? FC_PROXY.matcher(uri) : null;
        FunctionSpec function;
        String forwardedUri;
        Set<String> methods;
        boolean asEvent;
        String qualifier;
        if (proxy != null && proxy.matches()) {
            function = dispatcher.function(proxy.group(2));
            if (function == null || function.triggers().isEmpty()) {
                return new Refusal(noTrigger(proxy.group(2), function == null, requestId));
            }
            String rest = proxy.group(3) == null ? "/" : proxy.group(3);
            forwardedUri = rest + (proxy.group(4) == null ? "" : proxy.group(4));
            methods = TriggerRoutes.methodsOf(function);
            asEvent = function.triggers().stream().anyMatch(HttpTrigger::asEvent);
            qualifier = Uris.serviceQualifier(proxy.group(1));
        } else {
            TriggerRoutes.Route route = routes().match(Uris.path(uri));
            if (route == null) {
                return null;
            }
            function = route.function();
            forwardedUri = route.trigger().mounted() ? TriggerRoutes.belowMount(route.path(), uri) : uri;
            methods = route.trigger().methods();
            asEvent = route.trigger().asEvent();
            qualifier = route.trigger().qualifier();
        }
        String method = head.method().name().toUpperCase(Locale.ROOT);
        if (!methods.contains(method)) {
            FullHttpResponse response = Responses.error(
                    FcError.METHOD_NOT_ALLOWED,
                    method + " " + uri + ": the trigger of \"" + function.name() + "\" accepts " + methods,
                    requestId,
                    function.name(),
                    null);
            response.headers().set(HttpHeaderNames.ALLOW, String.join(", ", methods));
            return new Refusal(response);
        }
        try {
            return new Target(dispatcher.target(function.name(), qualifier), forwardedUri, asEvent);
        } catch (SchedulerException e) {
            return new Refusal(Dispatcher.refusal(e, function.name(), requestId));
        }
    }

    /**
     * Returns the streamed call of {@code target} for the request with {@code head}, not yet started. {@code done}
     * runs on the event loop when the client's connection is free for its next request.
     */
    public TriggerExchange exchange(
            ChannelHandlerContext ctx, HttpRequest head, Target target, String requestId, Runnable done) {
        HttpRequest forward = TriggerHeaders.toInstance(head, target.uri(), clientIp(ctx));
        return new TriggerExchange(ctx, dispatcher, target.target(), head, forward, requestId, maxRequestBytes, done);
    }

    /**
     * Handles a request that arrived whole (an asynchronous call) if a trigger covers it, on its event loop, and
     * returns true; returns false, doing nothing, when none does. Does not take over {@code request}'s reference.
     */
    public boolean handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        Resolution resolution = resolve(request, requestId);
        if (resolution == null) {
            return false;
        }
        if (resolution instanceof Refusal refusal) {
            Responses.write(ctx, refusal.response(), keepAlive);
            return true;
        }
        Target target = (Target) resolution;
        Dispatcher.Call call;
        if (target.asEvent()) {
            call = HttpEventCall.of(
                    request,
                    target,
                    clientIp(ctx),
                    requestId,
                    Instant.ofEpochMilli(dispatcher.clock().epochMillis()));
        } else {
            HttpRequest forward = TriggerHeaders.toInstance(request, target.uri(), clientIp(ctx));
            call = new WholeCall(forward, request.content().retainedDuplicate());
        }
        if (AsyncResults.isAsync(request)) {
            results.run(ctx, dispatcher, target.target(), requestId, call, keepAlive);
        } else {
            dispatcher.dispatch(ctx, target.target(), requestId, keepAlive, call);
        }
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
                FcError.TRIGGER_NOT_FOUND,
                "function \"" + name + "\" has no HTTP trigger (add triggers: [{http: {path: /...}}] to it)",
                requestId,
                name,
                null);
    }

    private static String clientIp(ChannelHandlerContext ctx) {
        SocketAddress remote = ctx.channel().remoteAddress();
        return remote instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : "127.0.0.1";
    }

    /** A trigger call whose request is held whole. */
    private static final class WholeCall implements Dispatcher.Call {
        private final HttpRequest forward;
        private final ByteBuf body;

        WholeCall(HttpRequest forward, ByteBuf body) {
            this.forward = forward;
            this.body = body;
        }

        @Override
        public @Nullable String traceparent() {
            return forward.headers().get(Traceparent.HEADER);
        }

        @Override
        public FullHttpRequest request(Lease lease) {
            FullHttpRequest call =
                    new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, forward.method(), forward.uri(), body);
            call.headers().set(forward.headers());
            HttpUtil.setTransferEncodingChunked(call, false);
            HttpUtil.setContentLength(call, body.readableBytes());
            return call;
        }

        @Override
        public FullHttpResponse answer(FullHttpResponse reply, String requestId) {
            try {
                HttpResponse head = TriggerHeaders.toClient(reply, requestId, true);
                FullHttpResponse response = new DefaultFullHttpResponse(
                        HttpVersion.HTTP_1_1, head.status(), reply.content().retain());
                response.headers().set(head.headers());
                HttpUtil.setTransferEncodingChunked(response, false);
                HttpUtil.setContentLength(response, reply.content().readableBytes());
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
