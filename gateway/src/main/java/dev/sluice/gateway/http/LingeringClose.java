package dev.sluice.gateway.http;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Ends a connection whose client may still be sending a request the gateway has already answered (a body over the
 * limit, a function that answered without reading it): after the answer the gateway's side is shut, and what the
 * client still sends is read and dropped until it closes its side, goes quiet or the longest wait passes. Closing at
 * once would leave the unread body in the socket, and the kernel then resets the connection, which can destroy the
 * answer before the client reads it (the staged close of RFC 9112, section 9.6).
 *
 * <p>Sits first in the pipeline from the answer on, so every close asked for after it (the keep-alive handler's, the
 * writer's own) becomes this one.
 */
public final class LingeringClose extends ChannelDuplexHandler {
    /** The client has sent nothing for this long: it is not sending the rest. */
    static final long QUIET_MILLIS = 2_000;
    /** However the client behaves, the connection ends after this many quiet periods (10 s). */
    static final int MOST_CHECKS = 5;

    private boolean lingering;
    private boolean heard;
    private int checksLeft = MOST_CHECKS;
    private @Nullable ScheduledFuture<?> check;

    private LingeringClose() {}

    /** Writes {@code last}, the end of the connection's last answer, and then ends the connection this way. */
    public static ChannelFuture writeLast(ChannelHandlerContext ctx, Object last) {
        ctx.pipeline().addFirst(new LingeringClose());
        return ctx.writeAndFlush(last).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        // The connection carries no more requests: whatever comes is the rest of the one answered.
        heard = true;
        ReferenceCountUtil.release(message);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        // Nothing was passed on, so the handlers behind have nothing to finish.
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        ctx.channel().closeFuture().addListener(closed -> promise.trySuccess());
        if (lingering) {
            return;
        }
        lingering = true;
        if (!ctx.channel().isActive() || !(ctx.channel() instanceof DuplexChannel duplex)) {
            ctx.close();
            return;
        }
        duplex.shutdownOutput().addListener(shut -> {
            if (!shut.isSuccess()) {
                ctx.close();
            }
        });
        ctx.channel().config().setAutoRead(true);
        schedule(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (check != null) {
            check.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void schedule(ChannelHandlerContext ctx) {
        check = ctx.executor().schedule(() -> onCheck(ctx), QUIET_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void onCheck(ChannelHandlerContext ctx) {
        if (!heard || --checksLeft == 0) {
            ctx.close();
            return;
        }
        heard = false;
        schedule(ctx);
    }
}
