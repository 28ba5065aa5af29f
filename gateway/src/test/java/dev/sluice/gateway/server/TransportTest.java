package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TransportTest {

    @Test
    void onLinuxOnX8664TheGatewayUsesEpollAndElsewhereNio() {
        boolean linuxX8664 =
                System.getProperty("os.name").toLowerCase(Locale.ROOT).equals("linux")
                        && System.getProperty("os.arch").equals("amd64");

        assertThat(Transport.best()).isEqualTo(linuxX8664 ? Transport.EPOLL : Transport.NIO);
    }

    @Test
    void eachAvailableTransportListensAndConnects() throws InterruptedException {
        List<Transport> available = new ArrayList<>(List.of(Transport.NIO));
        if (Transport.best() == Transport.EPOLL) {
            available.add(Transport.EPOLL);
        }
        for (Transport transport : available) {
            EventLoopGroup group = transport.group(1, new DefaultThreadFactory("transport-test", true));
            try {
                Channel server = new ServerBootstrap()
                        .group(group)
                        .channel(transport.serverChannel())
                        .childHandler(new ChannelInboundHandlerAdapter())
                        .bind(InetAddress.getLoopbackAddress(), 0)
                        .sync()
                        .channel();
                Channel client = new Bootstrap()
                        .group(group)
                        .channel(transport.socketChannel())
                        .handler(new ChannelInboundHandlerAdapter())
                        .connect(server.localAddress())
                        .sync()
                        .channel();

                assertThat(client.isActive()).as(transport.label()).isTrue();
                assertThat(((InetSocketAddress) client.remoteAddress()).getPort())
                        .isEqualTo(((InetSocketAddress) server.localAddress()).getPort());
                client.close().sync();
                server.close().sync();
            } finally {
                group.shutdownGracefully(0, 0, TimeUnit.SECONDS).sync();
            }
        }
    }
}
