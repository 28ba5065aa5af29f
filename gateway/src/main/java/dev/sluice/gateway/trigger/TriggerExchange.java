package dev.sluice.gateway.trigger;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.http.LingeringClose;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.invoke.Dispatcher;
import dev.sluice.gateway.invoke.InvocationRecorder;
import dev.sluice.gateway.invoke.ResponseListener;
import dev.sluice.gateway.trace.CallTrace;
import dev.sluice.gateway.trace.Traceparent;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.Lease;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP-trigger call, streamed both ways: the request's body goes to the instance piece by piece as the client
 * sends it, and the response comes back the same way, so the gateway never holds a whole body. Reading follows
 * writing: the client is read only once the last piece reached the instance, and the instance is not read while the
 * client cannot keep up.
 *
 * <p>The client's connection reads nothing else meanwhile (automatic reading is off from the request's head to the
 * end of the exchange). Everything runs on that connection's event loop, which the instance connection shares.
 */
public final class TriggerExchange implements ResponseListener, Dispatcher.LeaseHandler {
    private final ChannelHandlerContext ctx;
    private final Dispatcher dispatcher;
    private final CallTarget target;
    private final FunctionSpec function;
    private final HttpRequest original;
    private final HttpRequest forward;
    private final String requestId;
    private final long maxRequestBytes;
    private final Runnable done;
    /** Body pieces read before the instance's connection is open. */
    private final ArrayDeque<HttpContent> early = new ArrayDeque<>();

    private final long arrived;
    private final CallTrace trace;
    private long received;
    /** The status the client was sent, and the error type with it, for the call's count. */
    private int status;

    private String errorType = "";
    private @Nullable Lease lease;
    private @Nullable Channel instance;
    private boolean requestComplete;
    private boolean requestSent;
    private boolean responseStarted;
    /** The exchange with the instance failed; the client's error answer is on its way. */
    private boolean failing;
    /** The client's answer is given; what is left of its request is read and dropped. */
    private boolean discarding;
    /** Nothing more happens: the client's connection is free for its next request, or closed. */
    private boolean ended;

    TriggerExchange(
            ChannelHandlerContext ctx,
            Dispatcher dispatcher,
            CallTarget target,
            HttpRequest original,
            HttpRequest forward,
            String requestId,
            long maxRequestBytes,
            Runnable done) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
        this.arrived = dispatcher.clock().nanoTime();
        this.trace = dispatcher
                .timelines()
                .start(
                        requestId,
                        target.name(),
                        original.headers().get(Traceparent.HEADER),
                        arrived,
                        dispatcher.clock().epochMillis());
        this.target = target;
        this.function = target.function();
        this.original = original;
        this.forward = forward;
        this.requestId = requestId;
        this.maxRequestBytes = maxRequestBytes;
        this.done = done;
    }

    /** Starts the call: checks the announced size, then asks for a slot. */
    public void start() {
        ctx.channel().config().setAutoRead(false);
        long length = HttpUtil.getContentLength(original, -1L);
        if (length > maxRequestBytes) {
            tooLarge(length);
            return;
        }
        dispatcher.acquire(ctx, target, requestId, this);
    }

    /** Whether the client's whole request has been read: what it sends next is its next request. */
    public boolean requestComplete() {
        return requestComplete;
    }

    /** A piece of the client's request body, whose reference this takes over. */
    public void fromClient(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        requestComplete |= last;
        if (ended || failing || discarding) {
            content.release();
            if (last && discarding) {
                end();
            }
            return;
        }
        received += content.content().readableBytes();
        if (received > maxRequestBytes) {
            content.release();
            tooLarge(-1);
            return;
        }
        if (instance == null) {
            early.add(content);
        } else {
            toInstance(content);
        }
    }

    private void toInstance(HttpContent content) {
        Channel to = instance;
        if (to == null) {
            content.release();
            return;
        }
        boolean last = content instanceof LastHttpContent;
        requestSent |= last;
        to.writeAndFlush(content).addListener((ChannelFuture written) -> {
            // A failed write ends the exchange through failed(); only success asks the client for more.
            if (written.isSuccess() && !last && !ended && !failing) {
                ctx.read();
            }
        });
    }

    @Override
    public void leased(Lease granted) {
        lease = granted;
        if (ended) { // the client left while waiting
            releaseLease();
            return;
        }
        trace.leased(granted, dispatcher.clock().nanoTime());
        dispatcher.prepare(forward, granted, target, requestId);
        forward.headers().set(Traceparent.HEADER, trace.traceparent());
        dispatcher.exchange(ctx, granted, this).addListener((Future<Channel> opened) -> {
            if (!opened.isSuccess()) {
                failed(opened.cause());
                return;
            }
            Channel channel = opened.getNow();
            instance = channel;
            if (ended) {
                channel.close(); // fails the exchange, which hands the lease back
                return;
            }
            if (HttpUtil.is100ContinueExpected(original)) {
                // Only now: a client told no slot is free never sends its body at all.
                ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
            }
            trace.sent(dispatcher.clock().nanoTime());
            channel.write(forward);
            boolean more = early.isEmpty() && !requestComplete;
            for (HttpContent content = early.poll(); content != null; content = early.poll()) {
                toInstance(content);
            }
            channel.flush();
            if (more) {
                ctx.read();
            }
        });
    }

    @Override
    public void refused(FullHttpResponse response) {
        failing = true;
        answer(response);
    }

    @Override
    public void head(HttpResponse head) {
        if (ended) {
            return;
        }
        responseStarted = true;
        long now = dispatcher.clock().nanoTime();
        trace.answered(now);
        HttpResponse out = TriggerHeaders.toClient(head, requestId, TriggerHeaders.bodyless(original, head.status()));
        out.headers()
                .set(Dispatcher.SERVER_TIMING, trace.serverTiming(now))
                .set(Dispatcher.VERSION_ID, target.version());
        status = out.status().code();
        errorType = out.headers().get(Responses.ERROR_TYPE, "");
        HttpUtil.setKeepAlive(out, HttpUtil.isKeepAlive(original));
        ctx.writeAndFlush(out);
    }

    @Override
    public void content(HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (ended) {
            content.release();
        } else if (last && !requestSent) {
            // The function answered without reading the whole body: neither connection can carry another request.
            LingeringClose.writeLast(ctx, content);
        } else {
            ctx.writeAndFlush(content);
            Channel from = instance;
            // Not after the last piece: the connection is back in its pool by then, another call's.
            if (!last && from != null && !ctx.channel().isWritable()) {
                from.config().setAutoRead(false); // until clientWritable()
            }
        }
        if (last) {
            if (!requestSent && instance != null) {
                instance.close();
            }
            releaseLease();
            count();
            end();
        }
    }

    @Override
    public void failed(Throwable cause) {
        Lease held = lease;
        lease = null;
        if (held == null) {
            return;
        }
        if (ended) { // we closed the instance's connection ourselves: it is fine
            held.release();
            return;
        }
        failing = true;
        if (responseStarted) {
            // Too late for an error status: a cut connection is the only way to tell the client its body is short.
            // It is cut once the instance's fate is settled, so that a client retrying at once meets a new one.
            end();
            dispatcher.failed(ctx, held, cause, requestId, response -> {
                status = response.status().code();
                errorType = response.headers().get(Responses.ERROR_TYPE, "");
                count();
                response.release();
                ctx.close();
            });
        } else {
            dispatcher.failed(ctx, held, cause, requestId, this::answer);
        }
    }

    /** The client can take more again: resume reading the instance. */
    public void clientWritable() {
        Channel from = instance;
        if (from != null && !ended && ctx.channel().isWritable()) {
            from.config().setAutoRead(true);
        }
    }

    /** The client closed its connection: the call is abandoned; an instance connection in use is closed. */
    public void clientGone() {
        if (ended) {
            return;
        }
        end();
        releaseEarly();
        Channel to = instance;
        if (to != null) {
            to.close(); // failed() then hands the lease back
        }
    }

    /** Answers the client with the platform's {@code response}; the rest of the request is read and dropped. */
    private void answer(FullHttpResponse response) {
        releaseEarly();
        if (ended) {
            response.release();
            return;
        }
        status = response.status().code();
        errorType = response.headers().get(Responses.ERROR_TYPE, "");
        count();
        response.headers().set(Dispatcher.VERSION_ID, target.version());
        Responses.write(ctx, response, HttpUtil.isKeepAlive(original));
        if (requestComplete) {
            end();
        } else {
            discarding = true;
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void tooLarge(long announced) {
        failing = true;
        releaseEarly();
        FullHttpResponse response = Responses.error(
                FcError.REQUEST_TOO_LARGE,
                "the request body is larger than " + maxRequestBytes + " bytes"
                        + (announced >= 0 ? " (" + announced + " announced)" : "")
                        + "; send large inputs by reference",
                requestId,
                function.name(),
                null);
        if (responseStarted) {
            ctx.close();
        } else {
            // The rest of the body is still on its way: it is dropped, not sent on.
            HttpUtil.setKeepAlive(response, false);
            LingeringClose.writeLast(ctx, response);
        }
        end();
        Channel to = instance;
        if (to != null) {
            to.close();
        }
        releaseLease(); // or leased() hands it back when it comes
    }

    private void count() {
        long now = dispatcher.clock().nanoTime();
        dispatcher
                .recorder()
                .record(
                        function.name(),
                        target.version(),
                        InvocationRecorder.outcomeOf(status, errorType),
                        now - arrived);
        dispatcher.timelines().finish(trace, now, status, errorType);
    }

    private void releaseLease() {
        Lease held = lease;
        lease = null;
        if (held != null) {
            held.release();
        }
    }

    private void releaseEarly() {
        for (HttpContent content = early.poll(); content != null; content = early.poll()) {
            content.release();
        }
    }

    private void end() {
        if (!ended) {
            ended = true;
            done.run();
        }
    }
}
