package dev.sluice.gateway.invoke;

import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.http.Uris;
import dev.sluice.gateway.trace.Traceparent;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FcHeaders;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.SchedulerException;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /invoke/{function}}, FC 3.0's invoke API ({@code POST /2023-03-30/functions/{function}/invocations})
 * and FC 2.0's, {@code POST
 * /2016-08-15/services/{service}/functions/{function}/invocations}: an event invocation. The body is the event,
 * sent as FC's {@code POST /invoke}; the answer is 200 with the function's bytes, or, for a function error
 * ({@code x-fc-status: 404}), 200 with {@code X-Fc-Error-Type: UnhandledInvocationError} and the error body, as FC
 * answers a synchronous invocation. With {@code X-Fc-Invocation-Type: Async} the call is accepted at once (202) and
 * its outcome kept for {@code GET /system/invocations/{requestId}}. Everything else is the {@link Dispatcher}'s.
 */
public final class InvokeHandler {
    public static final String PREFIX = "/invoke/";
    /** FC's invoke API: {@code /2016-08-15/services/{service}/functions/{function}/invocations}. */
    private static final String FC_INVOKE_API_PREFIX = "/2016-08-15/services/";

    private static final Pattern FC_INVOKE_API =
            Pattern.compile("^/2016-08-15/services/([^/]+)/functions/([^/?#]+)/invocations(?:[?#].*)?$");
    /** FC 3.0's invoke API, with no services: {@code /2023-03-30/functions/{function}/invocations}. */
    private static final String FC3_INVOKE_API_PREFIX = "/2023-03-30/functions/";

    private static final Pattern FC3_INVOKE_API =
            Pattern.compile("^/2023-03-30/functions/([^/?#]+)/invocations(?:[?#].*)?$");
    /** The query parameter naming the version or alias to call. */
    private static final String QUALIFIER_PARAMETER = "qualifier";
    /** The client's header asking for the call's log in the response. */
    private static final String LOG_TYPE = "X-Fc-Log-Type";

    /** Where asynchronous results are fetched: {@code GET /system/invocations/{requestId}}. */
    public static final String RESULTS_PREFIX = "/system/invocations/";

    private final Dispatcher dispatcher;
    private final AsyncResults results;

    public InvokeHandler(Dispatcher dispatcher, AsyncResults results) {
        this.dispatcher = dispatcher;
        this.results = results;
    }

    /** Returns the function an event-invocation URI names, or null if {@code uri} is not one. */
    public static @Nullable String functionOf(String uri) {
        if (uri.startsWith(PREFIX)) {
            return Uris.path(uri.substring(PREFIX.length()));
        }
        Matcher api;
        if (uri.startsWith(FC_INVOKE_API_PREFIX)) {
            api = FC_INVOKE_API.matcher(uri);
        } else if (uri.startsWith(FC3_INVOKE_API_PREFIX)) {
            api = FC3_INVOKE_API.matcher(uri);
        } else {
            return null; // most requests: no pattern to match
        }
        return api.matches() ? api.group(api.groupCount()) : null;
    }

    /**
     * Returns the qualifier an event invocation names, or null for none (LATEST): FC 2.0's {@code service.qualifier}
     * path segment, else the {@code qualifier} query parameter (FC 3.0's), else the {@code X-Fc-Qualifier} header.
     */
    public static @Nullable String qualifierOf(HttpRequest request) {
        String uri = request.uri();
        if (uri.startsWith(FC_INVOKE_API_PREFIX)) {
            Matcher api = FC_INVOKE_API.matcher(uri);
            String qualifier = api.matches() ? Uris.serviceQualifier(api.group(1)) : null;
            if (qualifier != null) {
                return qualifier;
            }
        }
        String qualifier = Uris.queryParameter(uri, QUALIFIER_PARAMETER);
        return qualifier != null ? qualifier : request.headers().get(FcHeaders.QUALIFIER);
    }

    /** Handles one request on its event loop. Does not take over {@code request}'s reference. */
    public void handle(
            ChannelHandlerContext ctx, FullHttpRequest request, String name, String requestId, boolean keepAlive) {
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = Responses.error(
                    FcError.METHOD_NOT_ALLOWED,
                    request.method() + " " + request.uri() + ": event invocations use POST",
                    requestId,
                    name,
                    null);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            Responses.write(ctx, response, keepAlive);
            return;
        }
        CallTarget target;
        try {
            target = dispatcher.target(name, qualifierOf(request));
        } catch (SchedulerException e) {
            Responses.write(ctx, Dispatcher.refusal(e, name, requestId), keepAlive);
            return;
        }
        EventCall call = new EventCall(
                request.content().retainedDuplicate(),
                "Tail".equalsIgnoreCase(request.headers().get(LOG_TYPE)),
                request.headers().get(Traceparent.HEADER));
        if (!AsyncResults.isAsync(request)) {
            dispatcher.dispatch(ctx, target, requestId, keepAlive, call);
            return;
        }
        results.run(ctx, dispatcher, target, requestId, call, keepAlive);
    }

    /** {@code GET /system/invocations/{requestId}}: the outcome of an asynchronous invocation. */
    public void result(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        String asked = Uris.path(request.uri().substring(RESULTS_PREFIX.length()));
        Map<String, Object> json = results.json(asked);
        Map<String, Object> timeline = dispatcher.timelines().json(asked);
        if (json != null && timeline != null) {
            json.put("timeline", timeline);
        } else if (json == null) {
            json = timeline;
        }
        Responses.write(
                ctx,
                json != null
                        ? Responses.json(HttpResponseStatus.OK, json, requestId)
                        : Responses.error(
                                FcError.INVOCATION_NOT_FOUND,
                                "no recent invocation " + asked + " (results and timelines are kept "
                                        + AsyncResults.KEEP_MINUTES + " minutes)",
                                requestId,
                                null,
                                null),
                keepAlive);
    }

    /** An event invocation: FC's {@code POST /invoke} with the event as body. */
    private static final class EventCall implements Dispatcher.Call {
        private final ByteBuf event;
        private final boolean wantsLog;
        private final @Nullable String traceparent;

        EventCall(ByteBuf event, boolean wantsLog, @Nullable String traceparent) {
            this.event = event;
            this.wantsLog = wantsLog;
            this.traceparent = traceparent;
        }

        @Override
        public boolean wantsLog() {
            return wantsLog;
        }

        @Override
        public @Nullable String traceparent() {
            return traceparent;
        }

        @Override
        public FullHttpRequest request(Lease lease) {
            FullHttpRequest call = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke", event);
            HttpHeaders headers = call.headers();
            headers.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, event.readableBytes())
                    .set(FcHeaders.CONTROL_PATH, "/invoke");
            return call;
        }

        @Override
        public FullHttpResponse answer(FullHttpResponse reply, String requestId) {
            try {
                boolean functionError = FcReplies.isFunctionError(reply);
                String contentType = reply.headers()
                        .get(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM.toString());
                FullHttpResponse response = Responses.bytes(
                        HttpResponseStatus.OK,
                        reply.content().retain(),
                        functionError ? HttpHeaderValues.APPLICATION_JSON.toString() : contentType,
                        requestId);
                if (functionError) {
                    response.headers().set(Responses.ERROR_TYPE, FcError.UNHANDLED_INVOCATION_ERROR.type());
                }
                return response;
            } finally {
                reply.release();
            }
        }

        @Override
        public void abandon() {
            event.release();
        }
    }
}
