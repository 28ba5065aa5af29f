package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Java runtime's entry point inside a function container: an HTTP server speaking Function Compute's
 * custom-runtime protocol ({@code POST /invoke}, {@code POST /initialize}, {@code GET /pre-stop}, {@code GET
 * /pre-freeze}) that loads and calls fc-java-core functions from {@code FC_FUNC_CODE_PATH}.
 *
 * <p>It runs on every cold start, so startup does as little as possible: the JDK's built-in HTTP server, no
 * framework, the function loaded on its first call and Jackson only for Pojo handlers. For the same reason the
 * request path avoids lambdas and streams, whose first use costs tens of milliseconds of bootstrapping.
 */
public final class Bootstrap implements AutoCloseable {
    /** FC allows up to 200 concurrent requests per instance; each holds a worker thread for its whole call. */
    static final int MAX_CONCURRENCY = 200;

    private final HttpServer server;
    private final ThreadPoolExecutor workers;
    private final FunctionHost host;

    private Bootstrap(HttpServer server, ThreadPoolExecutor workers, FunctionHost host) {
        this.server = server;
        this.workers = workers;
        this.host = host;
    }

    /** Starts the runtime from the container's environment and serves until the container stops. */
    public static void main(String[] args) throws IOException {
        LogWriter log = LogWriter.stdout();
        RuntimeConfig config;
        try {
            config = RuntimeConfig.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            log.line("sluice java runtime: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            start(config, log);
        } catch (BindException e) {
            log.line("sluice java runtime: cannot listen on 0.0.0.0:" + config.port() + ": " + e.getMessage());
            System.exit(1);
        }
    }

    /** Binds {@code 0.0.0.0:config.port()}, starts serving and logs one line saying so. */
    static Bootstrap start(RuntimeConfig config, LogWriter log) throws IOException {
        FunctionHost host = new FunctionHost(config, log, Bootstrap.class.getClassLoader());
        // All interfaces: a server bound to 127.0.0.1 inside a container is unreachable from the platform.
        HttpServer server = HttpServer.create(new InetSocketAddress(config.port()), MAX_CONCURRENCY);
        // Threads are made on demand up to the limit and retire when idle; beyond the limit calls queue.
        ThreadPoolExecutor workers = new ThreadPoolExecutor(
                MAX_CONCURRENCY,
                MAX_CONCURRENCY,
                60,
                TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(),
                new WorkerThreads());
        workers.allowCoreThreadTimeOut(true);
        server.setExecutor(workers);
        server.createContext("/", new Router(log, host));
        server.start();
        log.line("FC Java runtime listening on 0.0.0.0:" + server.getAddress().getPort() + " (code " + config.codePath()
                + ", handler " + config.handler() + ")");
        return new Bootstrap(server, workers, host);
    }

    /** Returns the port the server listens on (the chosen one when started on port 0). */
    int port() {
        return server.getAddress().getPort();
    }

    /** Stops serving at once and releases the function's class loader. */
    @Override
    public void close() throws IOException {
        server.stop(0);
        workers.shutdownNow();
        host.close();
    }

    /** Names worker threads, and makes them daemons so that they never keep a stopping JVM alive. */
    private static final class WorkerThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "fc-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
