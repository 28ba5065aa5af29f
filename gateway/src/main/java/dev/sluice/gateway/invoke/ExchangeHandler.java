package dev.sluice.gateway.invoke;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The last handler on a pooled instance connection: completes the one exchange in progress.
 *
 * <p>Only the connection's event loop touches {@link #pending} and {@link #pool}, except in {@link #begin}, which
 * runs right after the pool handed out the connection and before the request is written.
 */
final class ExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    /** The exchange in progress, or null while the connection sits in its pool. */
    private volatile @Nullable Promise<FullHttpResponse> pending;

    private volatile @Nullable ChannelPool pool;

    ExchangeHandler() {
        super(false);
    }

    void begin(Promise<FullHttpResponse> promise, ChannelPool pool) {
        this.pending = promise;
        this.pool = pool;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        Promise<FullHttpResponse> promise = pending;
        pending = null;
        boolean keepAlive = HttpUtil.isKeepAlive(response);
        if (promise == null || !promise.trySuccess(response)) {
            response.release();
            ctx.close();
            return;
        }
        finish(ctx.channel(), keepAlive);
    }

    private void finish(Channel channel, boolean keepAlive) {
        ChannelPool owner = pool;
        if (!keepAlive) {
            channel.close();
        }
        if (owner != null) {
            // A closed channel fails the pool's health check and is dropped rather than reused.
            owner.release(channel);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("the instance closed the connection before answering"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && pending == null) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    private void fail(Throwable cause) {
        Promise<FullHttpResponse> promise = pending;
        pending = null;
        if (promise != null) {
            promise.tryFailure(cause);
        }
    }
}
