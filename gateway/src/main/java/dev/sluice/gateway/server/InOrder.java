package dev.sluice.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;

/**
 * Answers the requests of one connection in the order they came (RFC 9112 §9.3.2) by serving them one at a time. A
 * request read while the response to an earlier one is still to come waits here, with everything read after it, and
 * the connection stops reading; it goes on once that response is written to its last piece. So a client pipelining a
 * slow call and a quick one gets the slow answer first, and calls on one connection never run side by side (as in
 * most HTTP/1.1 servers: a client wanting that opens more connections). After a response that closes the connection
 * nothing more is passed on.
 *
 * <p>One instance per connection, on its event loop. This turns automatic reading off while a request waits and back
 * on when it passes that request on; a streamed trigger call then turns it off again for itself ({@code
 * TriggerExchange}). Whoever turns it on meanwhile gets one more read, which waits here too.
 */
final class InOrder extends ChannelDuplexHandler {
    /** Messages read after a request that has to wait, that request's head first. */
    private final ArrayDeque<Object> waiting = new ArrayDeque<>();
    /** Requests passed on whose response is not yet written to its last piece. */
    private int unanswered;
    /** The response being written closes the connection. */
    private boolean closeAfter;
    /** A response that closes the connection was written: whatever comes after is dropped. */
    private boolean closing;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (closing) {
            ReferenceCountUtil.release(message);
        } else if (!waiting.isEmpty() || (message instanceof HttpRequest && unanswered > 0)) {
            waiting.add(message);
            ctx.channel().config().setAutoRead(false);
        } else {
            pass(ctx, message);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        if (message instanceof HttpResponse response) {
            if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                ctx.write(message, promise); // 100 Continue: the answer is still to come
                return;
            }
            closeAfter = !HttpUtil.isKeepAlive(response);
        }
        ChannelPromise written = promise;
        if (message instanceof LastHttpContent && unanswered > 0) {
            unanswered--;
            if (closeAfter) {
                closing = true;
                dropWaiting();
            } else if (!waiting.isEmpty()) {
                // After the stack unwinds: the writer may still be busy with the call that just ended.
                written = promise.unvoid().addListener(done -> {
                    if (done.isSuccess()) {
                        ctx.executor().execute(() -> next(ctx));
                    }
                });
            }
        }
        ctx.write(message, written);
    }

    /** Passes the waiting request on, with what was read after it up to the next request's head. */
    private void next(ChannelHandlerContext ctx) {
        if (closing || unanswered > 0 || waiting.isEmpty() || !ctx.channel().isActive()) {
            return;
        }
        ctx.channel().config().setAutoRead(true);
        while (!closing) {
            Object message = waiting.peek();
            if (message == null || (message instanceof HttpRequest && unanswered > 0)) {
                break; // all passed on, or the next request waits in turn
            }
            waiting.remove();
            pass(ctx, message);
        }
        if (!waiting.isEmpty()) {
            ctx.channel().config().setAutoRead(false);
        }
        ctx.fireChannelReadComplete();
    }

    private void pass(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            unanswered++;
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        dropWaiting();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        dropWaiting();
    }

    private void dropWaiting() {
        for (Object message = waiting.poll(); message != null; message = waiting.poll()) {
            ReferenceCountUtil.release(message);
        }
    }
}
