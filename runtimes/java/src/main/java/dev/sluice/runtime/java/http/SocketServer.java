package dev.sluice.runtime.java.http;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 server with a thread per connection, for a runtime whose one client is the platform: it keeps a few
 * connections per instance and sends one request at a time on each, so a connection's thread reads a request,
 * calls the handler and writes the reply with no hand-over. The JDK's own server passes every request from its
 * selector thread to a worker and back, which costs more CPU than a no-op function's whole call.
 *
 * <p>Beyond {@code maxConnections}, new connections wait in the listen queue until one closes. A connection idle for
 * {@code idleMillis} is closed.
 */
public final class SocketServer implements AutoCloseable {
    private final ServerSocket listener;
    private final HttpHandler handler;
    private final Semaphore connectionSlots;
    private final int idleMillis;
    private final ExecutorService threads;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closing;

    private SocketServer(ServerSocket listener, HttpHandler handler, int maxConnections, int idleMillis, String name) {
        this.listener = listener;
        this.handler = handler;
        this.connectionSlots = new Semaphore(maxConnections);
        this.idleMillis = idleMillis;
        this.threads = new ThreadPoolExecutor(
                0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<Runnable>(), new Named(name));
        this.acceptor = new Thread(new Acceptor(), name + "-accept");
    }

    /**
     * Listens on every interface at {@code port} (0: a free one) and serves each connection's requests with
     * {@code handler} on a thread named {@code name-N}. The accepting thread keeps the JVM alive until closed.
     */
    public static SocketServer start(
            int port, int backlog, int maxConnections, int idleMillis, HttpHandler handler, String name)
            throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(port), backlog);
        SocketServer server = new SocketServer(listener, handler, maxConnections, idleMillis, name);
        server.acceptor.start();
        return server;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Stops accepting, closes every connection at once and lets their threads end. */
    @Override
    public void close() throws IOException {
        closing = true;
        listener.close();
        for (Connection connection : open) {
            connection.abort();
        }
        threads.shutdownNow();
    }

    private final class Acceptor implements Runnable {
        @Override
        public void run() {
            while (!closing) {
                try {
                    connectionSlots.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Socket socket;
                try {
                    socket = listener.accept();
                } catch (IOException e) {
                    connectionSlots.release();
                    if (closing) {
                        return;
                    }
                    continue; // one connection failed as it was accepted; the listener is fine
                }
                Connection connection = new Connection(socket, handler);
                open.add(connection);
                if (closing) {
                    connection.abort();
                }
                threads.execute(new Serving(connection));
            }
        }
    }

    /** Runs one connection and forgets it when it ends. */
    private final class Serving implements Runnable {
        private final Connection connection;

        Serving(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void run() {
            try {
                connection.run(idleMillis);
            } finally {
                open.remove(connection);
                connectionSlots.release();
            }
        }
    }

    /** Names threads, and makes them daemons so that they never keep a stopping JVM alive. */
    private static final class Named implements ThreadFactory {
        private final String name;
        private final AtomicInteger count = new AtomicInteger();

        Named(String name) {
            this.name = name;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
