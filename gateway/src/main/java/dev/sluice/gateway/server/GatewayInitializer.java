package dev.sluice.gateway.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The pipeline of one client connection: HTTP codec, keep-alive, bounded aggregation, routing. */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    /** FC's synchronous request limit. */
    static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final GatewayHandler handler;

    GatewayInitializer(GatewayHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new HttpServerCodec(4096, 8192, 8192))
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new BoundedAggregator(MAX_REQUEST_BYTES))
                .addLast(handler);
    }
}
