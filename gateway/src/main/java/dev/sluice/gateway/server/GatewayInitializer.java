package dev.sluice.gateway.server;

import dev.sluice.gateway.trigger.HttpTriggerHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/**
 * The pipeline of one client connection, from the socket in:
 *
 * <ol>
 *   <li>{@link ServerCodec}: bytes to HTTP messages and back;
 *   <li>{@link ConnectionTimeouts}: the header timeout and the idle timeout;
 *   <li>{@link InOrder}: one request at a time, so that responses go back in the order of the requests;
 *   <li>{@link HeadChecks}: transfer codings, the reserve connections, the admin token, at each request's head;
 *   <li>keep-alive;
 *   <li>{@link TriggerStreams}: HTTP-trigger calls, streamed from their head;
 *   <li>for every other request, {@link BoundedAggregator} and routing ({@link GatewayHandler}).
 * </ol>
 */
final class GatewayInitializer extends ChannelInitializer<SocketChannel> {
    /** FC's synchronous request limit. */
    static final int MAX_REQUEST_BYTES = 32 * 1024 * 1024;

    private final GatewayHandler handler;
    private final HttpTriggerHandler triggers;
    private final GatewayLimits limits;

    GatewayInitializer(GatewayHandler handler, HttpTriggerHandler triggers, GatewayLimits limits) {
        this.handler = handler;
        this.triggers = triggers;
        this.limits = limits;
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast(new ServerCodec(4096, 8192, 8192))
                .addLast(new ConnectionTimeouts(limits.headerTimeout(), limits.idleTimeout()))
                .addLast(new InOrder())
                .addLast(new HeadChecks(handler::refusalAtHead, ConnectionLimit.slotOf(channel)))
                .addLast(new HttpServerKeepAliveHandler())
                .addLast(new TriggerStreams(triggers))
                .addLast(new BoundedAggregator(MAX_REQUEST_BYTES))
                .addLast(handler);
    }
}
