package dev.sluice.gateway.invoke;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeoutException;

/**
 * Sends requests to instances over pooled keep-alive connections, one pool per instance address and event loop, so a
 * warm request costs no TCP handshake and no thread hop: the connection to the instance lives on the same event loop
 * as the client's connection, the way Netty's proxy example binds its outbound channel. A connection carries one
 * exchange at a time; it goes back to its pool when the instance answered with keep-alive, and is closed otherwise,
 * on timeout, or on any error. Responses arrive in pieces: {@link #send} collects them for calls that need the
 * whole reply, {@link #exchange} hands them on as they come (HTTP triggers stream both ways).
 *
 * <p>Thread-safe. Callbacks run on the connection's event loop; results are delivered on the caller's executor.
 */
public final class InstanceClient implements AutoCloseable {
    /** Whole responses up to FC's 32 MB synchronous limit, with room for headers. */
    static final int MAX_RESPONSE_BYTES = 33 * 1024 * 1024;
    /**
     * Pooled connections idle this long are closed: shorter than the Java runtime's 30 s idle close inside the
     * Java runtime, so the gateway never picks a connection the instance is about to drop.
     */
    static final int IDLE_CLOSE_SECONDS = 20;

    private final AbstractChannelPoolMap<Route, SimpleChannelPool> pools;

    /** An instance address as seen from one event loop. */
    private record Route(EventLoop loop, InetSocketAddress address) {}

    /** @param channel the socket channel class of {@code group}'s transport (NIO or epoll) */
    public InstanceClient(EventLoopGroup group, Class<? extends Channel> channel) {
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 3_000);
        this.pools = new AbstractChannelPoolMap<>() {
            @Override
            protected SimpleChannelPool newPool(Route route) {
                return new SimpleChannelPool(
                        bootstrap.clone(route.loop()).remoteAddress(route.address()), new PipelineSetup());
            }
        };
    }

    /**
     * Sends {@code request} (whose reference this method takes over) to {@code address} and returns the whole
     * response, which the caller must release. Fails with {@link TimeoutException} after {@code timeoutMillis}, and
     * with {@link ResponseTooLargeException} for a response beyond FC's synchronous limit; a failed exchange closes
     * its connection, so that no late answer is mistaken for the next request's.
     */
    public Future<FullHttpResponse> send(
            InetSocketAddress address, FullHttpRequest request, long timeoutMillis, EventLoop loop) {
        Promise<FullHttpResponse> promise = loop.newPromise();
        AggregatingListener listener = new AggregatingListener(promise, ByteBufAllocator.DEFAULT, MAX_RESPONSE_BYTES);
        exchange(address, loop, listener, timeoutMillis).addListener((Future<Channel> opened) -> {
            if (!opened.isSuccess()) {
                request.release();
                promise.tryFailure(opened.cause());
                return;
            }
            Channel channel = opened.getNow();
            promise.addListener(done -> {
                if (!done.isSuccess()) {
                    channel.close();
                }
            });
            channel.writeAndFlush(request).addListener((ChannelFuture written) -> {
                if (!written.isSuccess()) {
                    written.channel().close(); // fails the exchange, and so the promise
                }
            });
        });
        return promise;
    }

    /**
     * Takes a connection to {@code address} for one exchange whose response goes to {@code listener}, piece by piece
     * as it arrives, unless none is complete within {@code timeoutMillis}. The returned future gives the connection
     * to write the request to (on {@code loop}); closing it aborts the exchange.
     */
    public Future<Channel> exchange(
            InetSocketAddress address, EventLoop loop, ResponseListener listener, long timeoutMillis) {
        Promise<Channel> promise = loop.newPromise();
        Route route = new Route(loop, address);
        SimpleChannelPool pool = pools.get(route);
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (!acquired.isSuccess()) {
                pools.remove(route);
                promise.tryFailure(acquired.cause());
                return;
            }
            Channel channel = acquired.getNow();
            channel.pipeline().get(ExchangeHandler.class).begin(channel, listener, pool, timeoutMillis);
            promise.setSuccess(channel);
        });
        return promise;
    }

    @Override
    public void close() {
        pools.close();
    }

    /** Sets up each new pooled connection's pipeline. */
    private static final class PipelineSetup extends AbstractChannelPoolHandler {
        @Override
        public void channelCreated(Channel channel) {
            channel.pipeline()
                    .addLast(new IdleStateHandler(0, 0, IDLE_CLOSE_SECONDS))
                    .addLast(new HttpClientCodec())
                    .addLast(new ExchangeHandler());
        }
    }
}
