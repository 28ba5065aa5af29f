package dev.sluice.gateway.invoke;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.Scheduler;
import dev.sluice.scheduler.SchedulerException;
import dev.sluice.scheduler.pool.Lease;
import dev.sluice.scheduler.protocol.FcHeaders;
import dev.sluice.scheduler.runtime.Endpoint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * {@code POST /invoke/{function}}: an event invocation. Acquires a slot from the scheduler (never blocking the event
 * loop), forwards the event as FC's {@code POST /invoke} over a pooled connection, and maps the outcome:
 *
 * <ul>
 *   <li>the result: 200 with the function's bytes;
 *   <li>a function error ({@code x-fc-status: 404}): 200 with {@code X-Fc-Error-Type: UnhandledInvocationError} and
 *       the error body, as FC answers a synchronous invocation;
 *   <li>no slot, a failed start or initializer: the scheduler's error (see {@link ErrorStatus});
 *   <li>no answer within the function's timeout: 504 {@code FunctionTimeout}, and the instance is retired because
 *       its handler may still be running.
 * </ul>
 */
public final class InvokeHandler {
    public static final String PREFIX = "/invoke/";

    private final Scheduler scheduler;
    private final InstanceClient client;
    private final Duration startBudget;

    /**
     * @param startBudget how long a request may wait for an instance beyond the function's own initialization
     *     timeout: the start of a container plus time in the queue
     */
    public InvokeHandler(Scheduler scheduler, InstanceClient client, Duration startBudget) {
        this.scheduler = scheduler;
        this.client = client;
        this.startBudget = startBudget;
    }

    /** Handles one request on its event loop. Does not take over {@code request}'s reference. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        String name = request.uri().substring(PREFIX.length()).split("[?#]", 2)[0];
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = Responses.error(
                    HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "MethodNotAllowed",
                    request.method() + " " + request.uri() + ": event invocations use POST",
                    requestId,
                    name,
                    null);
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
            Responses.write(ctx, response, keepAlive);
            return;
        }
        if (scheduler.isClosing()) {
            FullHttpResponse response = Responses.error(
                    HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "ServiceUnavailable",
                    "the gateway is stopping and takes no new requests",
                    requestId,
                    name,
                    null);
            HttpUtil.setKeepAlive(response, false);
            Responses.write(ctx, response, false);
            return;
        }
        Optional<FunctionSpec> spec = scheduler.function(name);
        if (spec.isEmpty()) {
            Responses.write(
                    ctx,
                    Responses.error(
                            HttpResponseStatus.NOT_FOUND,
                            "FunctionNotFound",
                            "function \"" + name + "\" is not deployed (see GET /system/functions)",
                            requestId,
                            name,
                            null),
                    keepAlive);
            return;
        }
        long wait = spec.get().initializationTimeout().plus(startBudget).toNanos();
        ByteBuf event = request.content().retainedDuplicate();
        scheduler.acquire(name, scheduler.clock().nanoTime() + wait).whenComplete((lease, error) -> {
            Runnable next = () -> {
                if (error != null) {
                    event.release();
                    Responses.write(ctx, schedulerError(error, requestId, name), keepAlive);
                } else {
                    forward(ctx, lease, event, requestId, keepAlive);
                }
            };
            // A free slot completes the lease at once, still on this event loop: go on without a task hop.
            if (ctx.executor().inEventLoop()) {
                next.run();
            } else {
                ctx.executor().execute(next);
            }
        });
    }

    private void forward(ChannelHandlerContext ctx, Lease lease, ByteBuf event, String requestId, boolean keepAlive) {
        FunctionSpec function = lease.function();
        FullHttpRequest call = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/invoke", event);
        HttpHeaders headers = call.headers();
        Endpoint endpoint = lease.endpoint();
        headers.set(HttpHeaderNames.HOST, endpoint.authority())
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, event.readableBytes())
                .set(FcHeaders.REQUEST_ID, requestId)
                .set(FcHeaders.CONTROL_PATH, "/invoke");
        FcHeaders.of(function).forEach(headers::set);
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        long timeoutMillis = function.timeout().toMillis();
        client.send(address, call, timeoutMillis, ctx.channel().eventLoop())
                .addListener((Future<FullHttpResponse> answered) -> {
                    if (answered.isSuccess()) {
                        lease.release();
                        Responses.write(ctx, result(answered.getNow(), requestId), keepAlive);
                    } else if (answered.cause() instanceof TimeoutException) {
                        lease.retire("FunctionTimeout");
                        Responses.write(
                                ctx,
                                Responses.error(
                                        HttpResponseStatus.GATEWAY_TIMEOUT,
                                        "FunctionTimeout",
                                        "function \"" + function.name() + "\" did not finish within " + timeoutMillis
                                                + " ms (timeout)",
                                        requestId,
                                        function.name(),
                                        lease.instanceId()),
                                keepAlive);
                    } else {
                        crashed(ctx, lease, String.valueOf(answered.cause().getMessage()), requestId, keepAlive);
                    }
                });
    }

    /**
     * The connection to the instance broke mid-request: the container most likely died. The answer waits for the
     * reason (e.g. OOMKilled) from the scheduler, off the event loop, then names it.
     */
    private void crashed(
            ChannelHandlerContext ctx, Lease lease, String connectionError, String requestId, boolean keepAlive) {
        scheduler.diagnose(lease, "connection failed: " + connectionError).whenComplete((reason, error) -> {
            String why = reason != null ? reason : "connection failed: " + connectionError;
            lease.retire(why);
            ctx.executor()
                    .execute(() -> Responses.write(
                            ctx,
                            Responses.error(
                                    HttpResponseStatus.BAD_GATEWAY,
                                    "InstanceCrashed",
                                    "instance " + lease.instanceId() + " of \""
                                            + lease.function().name() + "\" crashed mid-request: " + why,
                                    requestId,
                                    lease.function().name(),
                                    lease.instanceId()),
                            keepAlive));
        });
    }

    private static FullHttpResponse result(FullHttpResponse answer, String requestId) {
        try {
            boolean functionError = "404".equals(answer.headers().get(FcHeaders.STATUS))
                    || (answer.status().code() == 404 && !answer.headers().contains(FcHeaders.STATUS));
            String contentType = answer.headers()
                    .get(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_OCTET_STREAM.toString());
            FullHttpResponse response = Responses.bytes(
                    HttpResponseStatus.OK,
                    answer.content().retain(),
                    functionError ? HttpHeaderValues.APPLICATION_JSON.toString() : contentType,
                    requestId);
            if (functionError) {
                response.headers().set(Responses.ERROR_TYPE, "UnhandledInvocationError");
            }
            return response;
        } finally {
            answer.release();
        }
    }

    private static FullHttpResponse schedulerError(Throwable error, String requestId, String function) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SchedulerException e) {
            FullHttpResponse response = Responses.error(
                    ErrorStatus.of(e),
                    e.errorType(),
                    String.valueOf(e.getMessage()),
                    requestId,
                    e.function(),
                    e.instance());
            if (ErrorStatus.of(e).equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            }
            return response;
        }
        return Responses.error(
                HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "InternalError",
                String.valueOf(cause),
                requestId,
                function,
                null);
    }
}
