package dev.sluice.gateway.invoke;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The last handler on a pooled instance connection: hands the one exchange in progress its response, piece by piece,
 * and gives the connection back to its pool when the response is complete.
 *
 * <p>Only the connection's event loop touches the fields: {@link #begin} runs there too, right after the pool handed
 * out the connection.
 */
final class ExchangeHandler extends SimpleChannelInboundHandler<HttpObject> {
    /** The exchange in progress, or null while the connection sits in its pool. */
    private @Nullable ResponseListener listener;

    private @Nullable ChannelPool pool;
    private @Nullable ScheduledFuture<?> timer;
    private boolean keepAlive;
    /** Inside a 1xx response, which the instance may send before the real one. */
    private boolean interim;

    ExchangeHandler() {
        super(false);
    }

    /** Starts an exchange on {@code channel}: its response goes to {@code listener} unless none comes in time. */
    void begin(Channel channel, ResponseListener listener, ChannelPool pool, long timeoutMillis) {
        this.listener = listener;
        this.pool = pool;
        this.interim = false;
        this.timer = channel.eventLoop()
                .schedule(
                        () -> fail(channel, new TimeoutException("no answer within " + timeoutMillis + " ms")),
                        timeoutMillis,
                        TimeUnit.MILLISECONDS);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
        ResponseListener current = listener;
        if (current == null) { // nothing asked: a late or stray answer
            release(message);
            ctx.close();
            return;
        }
        if (!message.decoderResult().isSuccess()) {
            release(message);
            fail(
                    ctx.channel(),
                    new IOException(
                            "malformed response: " + message.decoderResult().cause()));
            return;
        }
        if (message instanceof HttpResponse head) {
            interim = head.status().codeClass() == HttpStatusClass.INFORMATIONAL;
            if (!interim) {
                keepAlive = HttpUtil.isKeepAlive(head);
                current.head(head);
            }
        }
        if (message instanceof HttpContent content) {
            if (interim) {
                interim = !(content instanceof LastHttpContent);
                content.release();
            } else if (content instanceof LastHttpContent) {
                finish(ctx.channel());
                current.content(content);
            } else {
                current.content(content);
            }
        }
    }

    private void finish(Channel channel) {
        ChannelPool owner = pool;
        end();
        // A listener that slowed reading down must not leave the next exchange stalled.
        channel.config().setAutoRead(true);
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
        fail(ctx.channel(), new IOException("the instance closed the connection before answering"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx.channel(), cause);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent && listener == null) {
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(event);
        }
    }

    /** Ends the exchange in progress, if any, with {@code cause}; the connection is closed, never reused. */
    private void fail(Channel channel, Throwable cause) {
        ResponseListener current = listener;
        end();
        channel.close();
        if (current != null) {
            current.failed(cause);
        }
    }

    private void end() {
        ScheduledFuture<?> running = timer;
        if (running != null) {
            running.cancel(false);
        }
        listener = null;
        pool = null;
        timer = null;
    }

    private static void release(HttpObject message) {
        if (message instanceof HttpContent content) {
            content.release();
        }
    }
}
