package dev.sluice.gateway.server;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Closes a client connection that keeps the gateway waiting for a request. One instance per connection, right after
 * the codec, on the connection's event loop. The connection is always in one of three states:
 *
 * <ol>
 *   <li>Reading a head: from the connection's opening, or from the first bytes after a kept-alive wait, the whole
 *       head must arrive within the header timeout (a client sending one byte a second is cut off).
 *   <li>Serving: from a head until the last piece of the response to every request read so far is written. No
 *       timeout: a call waiting for an instance or streaming a body is not cut.
 *   <li>Kept alive: no request in progress; the next one must begin within the idle timeout.
 * </ol>
 *
 * A connection closed for either timeout gives its place in the {@link ConnectionLimit} back before it closes.
 */
final class ConnectionTimeouts extends ChannelDuplexHandler {
    private final Duration headerTimeout;
    private final Duration idleTimeout;
    /** Requests whose head was read and whose response is not yet written to its last piece. */
    private int unanswered;
    /** Waiting for the next request, with the idle timer running. */
    private boolean keptAlive;

    private @Nullable ScheduledFuture<?> timer;

    ConnectionTimeouts(Duration headerTimeout, Duration idleTimeout) {
        this.headerTimeout = headerTimeout;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        arm(ctx, headerTimeout);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof HttpRequest) {
            unanswered++;
            keptAlive = false;
            cancel();
        }
        ctx.fireChannelRead(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Bytes arrived but no head was read whole (that would have come first, in channelRead): a head begins.
        if (keptAlive) {
            keptAlive = false;
            arm(ctx, headerTimeout);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
        boolean interim = message instanceof HttpResponse response
                && response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
        if (message instanceof LastHttpContent && !interim && unanswered > 0 && --unanswered == 0) {
            keptAlive = true;
            arm(ctx, idleTimeout);
        }
        ctx.write(message, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancel();
        ctx.fireChannelInactive();
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    private void arm(ChannelHandlerContext ctx, Duration timeout) {
        cancel();
        timer = ctx.executor().schedule(() -> expire(ctx), timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
        timer = null;
        ConnectionLimit.Slot slot = ConnectionLimit.slotOf(ctx.channel());
        if (slot != null) {
            slot.free();
        }
        ctx.close();
    }

    private void cancel() {
        ScheduledFuture<?> running = timer;
        timer = null;
        if (running != null) {
            running.cancel(false);
        }
    }
}
