package dev.sluice.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * How the gateway's sockets are driven: Linux's epoll through Netty's native library when it loads (fewer system
 * calls and no selector garbage per wake-up), else Java's NIO (other systems, other CPUs). Client connections and
 * the connections to instances share event loops, so both must use the same one.
 */
public enum Transport {
    EPOLL,
    NIO;

    /** Returns epoll where Netty's native library loads, else NIO. */
    public static Transport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    /** Returns a group of {@code threads} event loops (0: Netty's default, twice the cores). */
    public EventLoopGroup group(int threads, ThreadFactory threadFactory) {
        return this == EPOLL
                ? new EpollEventLoopGroup(threads, threadFactory)
                : new NioEventLoopGroup(threads, threadFactory);
    }

    /** Returns the listening socket's channel class. */
    public Class<? extends ServerChannel> serverChannel() {
        return this == EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /** Returns the connecting socket's channel class. */
    public Class<? extends Channel> socketChannel() {
        return this == EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** Returns the name said at start: {@code epoll} or {@code nio}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
