package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpHandler;
import dev.sluice.runtime.java.http.SocketServer;
import java.io.IOException;
import java.net.BindException;

/**
 * The Java runtime's entry point inside a function container: an HTTP server speaking Function Compute's
 * custom-runtime protocol ({@code POST /invoke}, {@code POST /initialize}, {@code GET /pre-stop}, {@code GET
 * /pre-freeze}) that loads and calls fc-java-core functions from {@code FC_FUNC_CODE_PATH}.
 *
 * <p>It runs on every cold start, so startup does as little as possible: a small HTTP server with a thread per
 * connection ({@link SocketServer}), no framework, the function loaded on its first call and Jackson only for Pojo
 * handlers. For the same reason the request path avoids lambdas and streams, whose first use costs tens of
 * milliseconds of bootstrapping.
 */
public final class Bootstrap implements AutoCloseable {
    /**
     * Connections served at once. FC allows up to 200 concurrent requests per instance, and the platform keeps a
     * pool of connections per event loop, so several times that; more wait to be accepted.
     */
    static final int MAX_CONNECTIONS = 1000;
    /** Longer than the platform's 20 s, so the platform always closes an idle connection first. */
    static final int IDLE_CLOSE_MILLIS = 30_000;

    private final SocketServer server;
    private final FunctionHost host;

    private Bootstrap(SocketServer server, FunctionHost host) {
        this.server = server;
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
        } catch (IllegalArgumentException e) {
            log.line("sluice java runtime: " + e.getMessage());
            System.exit(2);
        } catch (InitializationException | InterruptedException e) {
            log.line("sluice java runtime: " + e.getMessage() + "; not listening, so this instance never becomes"
                    + " ready");
            System.exit(1);
        }
    }

    /**
     * Binds {@code 0.0.0.0:config.port()}, starts serving and logs one line saying so. Standalone (see {@link
     * Standalone}), it runs the initializer first and binds only when that succeeded.
     *
     * @throws InitializationException when a standalone runtime's initializer failed; nothing listens then
     * @throws IllegalArgumentException when {@code SLUICE_STANDALONE} names no mode
     */
    static Bootstrap start(RuntimeConfig config, LogWriter log)
            throws IOException, InitializationException, InterruptedException {
        FunctionHost host = new FunctionHost(config, log, Bootstrap.class.getClassLoader());
        Standalone standalone = Standalone.of(config, log, host);
        HttpHandler handler = new Router(log, host);
        if (standalone != null) {
            try {
                standalone.initialize(config, host);
            } catch (InitializationException | InterruptedException e) {
                host.close();
                throw e;
            }
            handler = standalone;
        }
        // All interfaces: a server bound to 127.0.0.1 inside a container is unreachable from the platform.
        SocketServer server = SocketServer.start(
                config.port(), MAX_CONNECTIONS, MAX_CONNECTIONS, IDLE_CLOSE_MILLIS, handler, "fc-worker");
        log.line("FC Java runtime listening on 0.0.0.0:" + server.port() + " (code " + config.codePath() + ", handler "
                + config.handler() + ")");
        return new Bootstrap(server, host);
    }

    /** Returns the port the server listens on (the chosen one when started on port 0). */
    int port() {
        return server.port();
    }

    /** Stops serving at once and releases the function's class loader. */
    @Override
    public void close() throws IOException {
        server.close();
        host.close();
    }
}
