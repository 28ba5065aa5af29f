package dev.sluice.gateway.invoke;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.trace.CallTrace;
import dev.sluice.gateway.trace.Timelines;
import dev.sluice.gateway.trace.Traceparent;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FcHeaders;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.api.UnknownFunctionException;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs one call of a function on one of its instances, for every way a function is called (event invocations,
 * HTTP triggers): take a slot from the scheduler without blocking the event loop, send the call over a pooled
 * connection within the function's timeout, and answer. What can go wrong becomes the platform's error:
 *
 * <ul>
 *   <li>no slot, a failed start or initializer: the scheduler's error (see {@link ErrorStatus});
 *   <li>no answer within the function's timeout: 504 {@code FunctionTimeout}, and the instance is retired because
 *       its handler may still be running;
 *   <li>the connection broke: 502 {@code InstanceCrashed} naming the reason the engine gives (e.g. OOMKilled).
 * </ul>
 */
public final class Dispatcher {
    private final Scheduler scheduler;
    private final InstanceClient client;
    private final Duration startBudget;
    private final InvocationRecorder recorder;
    private final Timelines timelines;
    private final FcRequestHeaders fcHeaders = new FcRequestHeaders();

    /** One kind of call: how to build the request for an instance, and how to answer the client from its reply. */
    public interface Call {
        /**
         * Returns the request to send to the instance behind {@code lease}, with its control path; the dispatcher adds
         * the FC headers, the request id and the host. The request takes over any buffer the call holds.
         */
        FullHttpRequest request(Lease lease);

        /** Returns the client's response for the instance's {@code reply}, which this must release. */
        FullHttpResponse answer(FullHttpResponse reply, String requestId);

        /** Releases what the call holds when no request is sent after all. */
        void abandon();

        /** Returns whether the client asked for the call's log ({@code X-Fc-Log-Type: Tail}) in the response. */
        default boolean wantsLog() {
            return false;
        }

        /** Returns the caller's {@code traceparent} header, or null when it sent none. */
        default @Nullable String traceparent() {
            return null;
        }
    }

    /** The W3C response header naming the phases of the call and how long each took. */
    public static final String SERVER_TIMING = "server-timing";

    /** The response header naming the version that served the call: {@code LATEST} or a published version's id. */
    public static final String VERSION_ID = "x-fc-version-id";

    /** FC's response header with the base64 of the last 4 KB of the call's log. */
    public static final String LOG_RESULT = "x-fc-log-result";

    /**
     * @param startBudget how long a request may wait for an instance beyond the function's own initialization
     *     timeout: the start of a container plus time in the queue
     */
    public Dispatcher(
            Scheduler scheduler,
            InstanceClient client,
            Duration startBudget,
            InvocationRecorder recorder,
            Timelines timelines) {
        this.scheduler = scheduler;
        this.client = client;
        this.startBudget = startBudget;
        this.recorder = recorder;
        this.timelines = timelines;
    }

    /** Returns where the calls' timelines are kept. */
    public Timelines timelines() {
        return timelines;
    }

    /** Returns the scheduler's clock: every duration and timestamp of a call is read from it. */
    public Clock clock() {
        return scheduler.clock();
    }

    /** Returns where calls are counted as they end. */
    public InvocationRecorder recorder() {
        return recorder;
    }

    /** Returns the function deployed as {@code name} now, or null. */
    public @Nullable FunctionSpec function(String name) {
        return scheduler.function(name).orElse(null);
    }

    /**
     * Returns what a call of {@code name} by {@code qualifier} (null for none) runs.
     *
     * @throws SchedulerException if nothing does: no such function, version or alias (see {@link #refusal})
     */
    public CallTarget target(String name, @Nullable String qualifier) {
        return scheduler.target(name, qualifier);
    }

    /** Returns the 404 for a call of {@code name} that {@link #target} found nothing for. */
    public static FullHttpResponse refusal(SchedulerException e, String name, String requestId) {
        return e instanceof UnknownFunctionException
                ? notDeployed(name, requestId)
                : Responses.error(e.error(), String.valueOf(e.getMessage()), requestId, name, null);
    }

    /** Runs {@code call} on an instance of {@code function} and answers the client. Runs on the event loop. */
    public void dispatch(ChannelHandlerContext ctx, CallTarget target, String requestId, boolean keepAlive, Call call) {
        dispatch(ctx, target, requestId, response -> Responses.write(ctx, response, keepAlive), call);
    }

    /**
     * Runs {@code call} on an instance of {@code function} and hands the response to {@code answer} (on the event
     * loop), which takes it over: the client's connection, or the store of asynchronous results. The call is counted
     * as it ends.
     */
    public void dispatch(
            ChannelHandlerContext ctx,
            CallTarget target,
            String requestId,
            Consumer<FullHttpResponse> answer,
            Call call) {
        Clock clock = scheduler.clock();
        long arrived = clock.nanoTime();
        String name = target.name();
        CallTrace trace = timelines.start(requestId, name, call.traceparent(), arrived, clock.epochMillis());
        Consumer<FullHttpResponse> reply = response -> {
            long now = clock.nanoTime();
            String errorType = response.headers().get(Responses.ERROR_TYPE, "");
            recorder.record(
                    name,
                    target.version(),
                    InvocationRecorder.outcomeOf(response.status().code(), errorType),
                    now - arrived);
            response.headers()
                    .set(
                            SERVER_TIMING,
                            timelines.finish(trace, now, response.status().code(), errorType))
                    .set(VERSION_ID, target.version());
            answer.accept(response);
        };
        acquire(ctx, target, requestId, new LeaseHandler() {
            @Override
            public void leased(Lease lease) {
                trace.leased(lease, clock.nanoTime());
                send(ctx, lease, target, call, requestId, reply, trace);
            }

            @Override
            public void refused(FullHttpResponse response) {
                call.abandon();
                reply.accept(response);
            }
        });
    }

    /** What to do once a slot is taken, or is not to be had. Runs on the client connection's event loop. */
    public interface LeaseHandler {
        /** A slot on an instance, to be released or retired when the call ends. */
        void leased(Lease lease);

        /** No slot: the platform's error response (429, 503, ...), which the handler takes over. */
        void refused(FullHttpResponse response);
    }

    /**
     * Takes a slot on an instance of {@code function} without blocking the event loop, within the function's
     * initialization timeout plus the start budget, and tells {@code handler} on {@code ctx}'s event loop.
     */
    public void acquire(ChannelHandlerContext ctx, CallTarget target, String requestId, LeaseHandler handler) {
        FunctionSpec function = target.function();
        if (scheduler.isClosing()) {
            FullHttpResponse stopping = Responses.error(
                    FcError.SERVICE_UNAVAILABLE,
                    "the gateway is stopping and takes no new requests",
                    requestId,
                    function.name(),
                    null);
            // Whoever writes it, the connection ends with it: a client should not send more to a stopping gateway.
            stopping.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            handler.refused(stopping);
            return;
        }
        long wait = function.initializationTimeout().plus(startBudget).toNanos();
        String name = function.name();
        scheduler.acquire(target, scheduler.clock().nanoTime() + wait).whenComplete((lease, error) -> {
            Runnable next = () -> {
                if (error != null) {
                    handler.refused(schedulerError(error, requestId, name));
                } else {
                    handler.leased(lease);
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

    /**
     * Adds to a request for the instance behind {@code lease} FC's headers, the qualifier and version of {@code
     * target}, the request id and the instance's host. The call's own headers (a client's, through an HTTP trigger)
     * cannot override them.
     */
    public void prepare(HttpRequest request, Lease lease, CallTarget target, String requestId) {
        fcHeaders.setOn(request.headers(), lease.function());
        request.headers()
                .set(FcHeaders.QUALIFIER, target.qualifier())
                .set(FcHeaders.VERSION_ID, target.version())
                .set(FcHeaders.REQUEST_ID, requestId)
                .set(HttpHeaderNames.HOST, lease.endpoint().callAuthority());
    }

    /** Returns the address of the instance behind {@code lease}. */
    public static InetSocketAddress address(Lease lease) {
        return lease.endpoint().callAddress();
    }

    /** Opens an exchange with the instance behind {@code lease} for a call that streams; see InstanceClient. */
    public Future<Channel> exchange(ChannelHandlerContext ctx, Lease lease, ResponseListener listener) {
        return client.exchange(
                address(lease),
                ctx.channel().eventLoop(),
                listener,
                lease.function().timeout().toMillis());
    }

    private void send(
            ChannelHandlerContext ctx,
            Lease lease,
            CallTarget target,
            Call call,
            String requestId,
            Consumer<FullHttpResponse> reply,
            CallTrace trace) {
        FullHttpRequest request = call.request(lease);
        prepare(request, lease, target, requestId);
        request.headers().set(Traceparent.HEADER, trace.traceparent());
        trace.sent(scheduler.clock().nanoTime());
        // The wall clock only for a call whose log is asked for: the engine stamps log lines with it.
        Instant sent = call.wantsLog() ? Instant.ofEpochMilli(scheduler.clock().epochMillis()) : Instant.EPOCH;
        client.send(
                        address(lease),
                        request,
                        lease.function().timeout().toMillis(),
                        ctx.channel().eventLoop())
                .addListener((Future<FullHttpResponse> answered) -> {
                    trace.answered(scheduler.clock().nanoTime());
                    if (answered.isSuccess() && call.wantsLog()) {
                        answerWithLog(ctx, lease, call.answer(answered.getNow(), requestId), sent, requestId, reply);
                    } else if (answered.isSuccess()) {
                        lease.release();
                        reply.accept(call.answer(answered.getNow(), requestId));
                    } else {
                        failed(ctx, lease, answered.cause(), requestId, reply);
                    }
                });
    }

    /**
     * Adds the call's log to {@code response} ({@code x-fc-log-result}) once the scheduler has read it from the
     * instance, which is kept leased meanwhile so that it is not reclaimed under the read; then answers.
     */
    private void answerWithLog(
            ChannelHandlerContext ctx,
            Lease lease,
            FullHttpResponse response,
            Instant since,
            String requestId,
            Consumer<FullHttpResponse> reply) {
        scheduler.callLog(lease, since, requestId).whenComplete((log, e) -> ctx.executor()
                .execute(() -> {
                    lease.release();
                    response.headers().set(LOG_RESULT, log == null ? "" : log);
                    reply.accept(response);
                }));
    }

    /**
     * An exchange with the instance behind {@code lease} failed with {@code cause}: ends the lease as the cause
     * requires and hands the client's error response to {@code reply} on {@code ctx}'s event loop.
     *
     * <ul>
     *   <li>no answer in time: 504, and the instance is retired because its handler may still be running;
     *   <li>a response too large to hold: 502, the instance is fine;
     *   <li>anything else: the instance most likely died; 502 naming the reason.
     * </ul>
     */
    public void failed(
            ChannelHandlerContext ctx,
            Lease lease,
            Throwable cause,
            String requestId,
            Consumer<FullHttpResponse> reply) {
        FunctionSpec function = lease.function();
        if (cause instanceof TimeoutException) {
            lease.retire(FcError.FUNCTION_TIMEOUT.type());
            reply.accept(Responses.error(
                    FcError.FUNCTION_TIMEOUT,
                    "function \"" + function.name() + "\" did not finish within "
                            + function.timeout().toMillis() + " ms (timeout)",
                    requestId,
                    function.name(),
                    lease.instanceId()));
        } else if (cause instanceof ResponseTooLargeException) {
            lease.release();
            reply.accept(Responses.error(
                    FcError.RESPONSE_TOO_LARGE,
                    String.valueOf(cause.getMessage()) + " (FC's limit for a synchronous invocation; return large"
                            + " results by reference)",
                    requestId,
                    function.name(),
                    lease.instanceId()));
        } else {
            crashed(ctx, lease, String.valueOf(cause.getMessage()), requestId, reply);
        }
    }

    /**
     * The connection to the instance broke mid-request: the container most likely died. The answer waits for the
     * reason (e.g. OOMKilled) from the scheduler, off the event loop, then names it.
     */
    private void crashed(
            ChannelHandlerContext ctx,
            Lease lease,
            String connectionError,
            String requestId,
            Consumer<FullHttpResponse> reply) {
        scheduler.diagnose(lease, "connection failed: " + connectionError).whenComplete((reason, error) -> {
            String why = reason != null ? reason : "connection failed: " + connectionError;
            lease.retire(why);
            ctx.executor()
                    .execute(() -> reply.accept(Responses.error(
                            FcError.INSTANCE_CRASHED,
                            "instance " + lease.instanceId() + " of \""
                                    + lease.function().name() + "\" crashed mid-request: " + why,
                            requestId,
                            lease.function().name(),
                            lease.instanceId())));
        });
    }

    private static FullHttpResponse schedulerError(Throwable error, String requestId, String function) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof SchedulerException e) {
            FullHttpResponse response =
                    Responses.error(e.error(), String.valueOf(e.getMessage()), requestId, e.function(), e.instance());
            if (e.error().status() == HttpResponseStatus.SERVICE_UNAVAILABLE.code()) {
                response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
            }
            return response;
        }
        // Not the exception's own text: a client gets what happened in FC's terms, not a Java class name.
        return Responses.error(
                FcError.INTERNAL_ERROR,
                "the gateway failed unexpectedly while finding an instance for this call; the call was not run",
                requestId,
                function,
                null);
    }

    /** Returns a 404 for a function that is not deployed. */
    public static FullHttpResponse notDeployed(String name, String requestId) {
        return Responses.error(
                FcError.FUNCTION_NOT_FOUND,
                "function \"" + name + "\" is not deployed (see GET /system/functions)",
                requestId,
                name,
                null);
    }
}
