package dev.sluice.gateway.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Unix socket in front of the Docker engine's own, which a test can cut and restore: a Sluice pointed at it
 * (through {@code DOCKER_HOST}) loses its engine while the engine, and every container, goes on untouched. Cut, it
 * drops every open connection (the event stream too) and closes new ones at once, as an engine that went away does.
 * Hung, it drops the open connections and then takes new ones but never answers, as an engine that is stuck does.
 */
public final class DockerApiProxy implements AutoCloseable {
    private final Path socket;
    private final UnixDomainSocketAddress engine;
    private final ServerSocketChannel server;
    private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
    private volatile boolean cut;
    private volatile boolean hung;

    private DockerApiProxy(Path socket, UnixDomainSocketAddress engine, ServerSocketChannel server) {
        this.socket = socket;
        this.engine = engine;
        this.server = server;
    }

    /** Starts a proxy on a socket in {@code dir} for the engine at {@code engineSocket}. */
    public static DockerApiProxy start(Path dir, Path engineSocket) throws IOException {
        Path socket = dir.resolve("docker-proxy.sock");
        Files.deleteIfExists(socket);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        DockerApiProxy proxy = new DockerApiProxy(socket, UnixDomainSocketAddress.of(engineSocket), server);
        daemon("docker-proxy-accept", proxy::acceptLoop);
        return proxy;
    }

    /** Returns the address to give Sluice as {@code DOCKER_HOST}. */
    public String dockerHost() {
        return "unix://" + socket;
    }

    /** Drops every connection and refuses new ones until {@link #restore()}. */
    public void cut() {
        cut = true;
        for (SocketChannel channel : open) {
            closeQuietly(channel);
        }
    }

    /** Drops every connection, then takes new ones and never answers until {@link #restore()}. */
    public void hang() {
        hung = true;
        cut();
        cut = false;
    }

    /** Forwards again. */
    public void restore() {
        cut = false;
        hung = false;
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            if (hung) {
                open.add(client); // held, read and never answered; dropped by restore's next cut or close
                daemon("docker-proxy-hung", () -> swallow(client));
                continue;
            }
            try {
                SocketChannel upstream = SocketChannel.open(engine);
                open.add(client);
                open.add(upstream);
                daemon("docker-proxy-up", () -> pump(client, upstream));
                daemon("docker-proxy-down", () -> pump(upstream, client));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    /** Copies {@code from} to {@code to} until either ends; then ends both. */
    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.clear();
            }
        } catch (IOException e) {
            // One side went away (or was cut): the other goes too.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    /** Reads what a client sends and answers nothing, until it gives up. */
    private void swallow(SocketChannel client) {
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (client.read(buffer) >= 0) {
                buffer.clear();
            }
        } catch (IOException e) {
            // The client gave up.
        } finally {
            closeQuietly(client);
        }
    }

    private void closeQuietly(SocketChannel channel) {
        open.remove(channel);
        try {
            channel.close();
        } catch (IOException e) {
            // Closing is all that was wanted.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        cut();
        server.close();
        Files.deleteIfExists(socket);
    }
}
