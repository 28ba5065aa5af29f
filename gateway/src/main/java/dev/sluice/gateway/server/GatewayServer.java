package dev.sluice.gateway.server;

import dev.sluice.gateway.admin.AdminHandler;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.invoke.AsyncResults;
import dev.sluice.gateway.invoke.Dispatcher;
import dev.sluice.gateway.invoke.InstanceClient;
import dev.sluice.gateway.invoke.InvokeHandler;
import dev.sluice.gateway.metrics.EventStream;
import dev.sluice.gateway.metrics.MetricsHandler;
import dev.sluice.gateway.metrics.PlatformMetrics;
import dev.sluice.gateway.timer.LoopbackInvoker;
import dev.sluice.gateway.timer.Timers;
import dev.sluice.gateway.trace.Timelines;
import dev.sluice.gateway.trigger.HttpTriggerHandler;
import dev.sluice.gateway.ui.UiHandler;
import dev.sluice.scheduler.api.Scheduler;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The gateway's HTTP server: one boss thread accepting, a worker event loop per core serving clients and the pooled
 * connections to instances, and a small pool for the few blocking management calls.
 */
public final class GatewayServer implements AutoCloseable {
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService blocking;
    private final InstanceClient client;
    private final Channel channel;
    private final PlatformMetrics metrics;
    private final Timers timers;

    private GatewayServer(
            EventLoopGroup boss,
            EventLoopGroup workers,
            ExecutorService blocking,
            InstanceClient client,
            Channel channel,
            PlatformMetrics metrics,
            Timers timers) {
        this.boss = boss;
        this.workers = workers;
        this.blocking = blocking;
        this.client = client;
        this.channel = channel;
        this.metrics = metrics;
        this.timers = timers;
    }

    /** Binds {@code host:port} with the default limits, and drops the gateway's notices; see the method below. */
    public static GatewayServer start(
            String host,
            int port,
            Scheduler scheduler,
            AdminToken token,
            Deployer deployer,
            Duration startBudget,
            Readiness readiness)
            throws InterruptedException {
        return start(host, port, scheduler, token, deployer, startBudget, readiness, GatewayLimits.DEFAULT, line -> {});
    }

    /**
     * Binds {@code host:port} (port 0 picks a free one) and returns the running server.
     *
     * @param deployer what {@code PUT} and {@code DELETE /system/functions} change the deployment through
     * @param startBudget how long a request may wait for an instance on top of its initialization timeout
     * @param readiness what {@code GET /readyz} answers
     * @param limits how many client connections are served, and how long they may keep the gateway waiting
     * @param notices where the gateway says what the operator should know as it serves, one line at a time (too many
     *     connections); called on the accepting thread
     */
    public static GatewayServer start(
            String host,
            int port,
            Scheduler scheduler,
            AdminToken token,
            Deployer deployer,
            Duration startBudget,
            Readiness readiness,
            GatewayLimits limits,
            Consumer<String> notices)
            throws InterruptedException {
        Transport transport = Transport.best();
        EventLoopGroup boss = transport.group(1, new DefaultThreadFactory("sluice-accept", true));
        EventLoopGroup workers = transport.group(0, new DefaultThreadFactory("sluice-io", true));
        ExecutorService blocking = Executors.newFixedThreadPool(2, new DefaultThreadFactory("sluice-admin", true));
        InstanceClient client = new InstanceClient(workers, transport.socketChannel());
        PlatformMetrics metrics = new PlatformMetrics(scheduler, workers);
        Timelines timelines = new Timelines();
        Dispatcher dispatcher = new Dispatcher(scheduler, client, startBudget, metrics, timelines);
        AsyncResults results = new AsyncResults();
        HttpTriggerHandler triggers =
                new HttpTriggerHandler(scheduler, dispatcher, results, GatewayInitializer.MAX_REQUEST_BYTES);
        GatewayHandler handler = new GatewayHandler(
                new InvokeHandler(dispatcher, results),
                triggers,
                new AdminHandler(scheduler, token, blocking, deployer),
                new MetricsHandler(scheduler, metrics, new EventStream(), timelines),
                new UiHandler(),
                readiness);
        try {
            Channel channel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .handler(new ConnectionLimit(limits, notices))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new GatewayInitializer(handler, triggers, limits))
                    .bind(host, port)
                    .sync()
                    .channel();
            Timers timers =
                    new Timers(scheduler.clock(), new LoopbackInvoker(selfUri(channel)), scheduler.events(), notices);
            deployer.onDeployed(timers::deploy);
            return new GatewayServer(boss, workers, blocking, client, channel, metrics, timers);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            blocking.shutdownNow();
            metrics.close();
            throw e;
        }
    }

    /** Where this gateway reaches itself: its bound address, or loopback when it listens on all of them. */
    private static URI selfUri(Channel channel) {
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        InetAddress address =
                bound.getAddress().isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound.getAddress();
        String host = address instanceof Inet6Address ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return URI.create("http://" + host + ":" + bound.getPort());
    }

    /** Returns the bound port. */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** Stops accepting connections; requests in flight go on. */
    public void stopAccepting() {
        timers.close();
        channel.close().syncUninterruptibly();
    }

    /** Stops accepting, then stops the event loops (in-flight exchanges get up to {@code grace}). */
    public void stop(Duration grace) {
        stopAccepting();
        client.close();
        boss.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, grace.toMillis(), TimeUnit.MILLISECONDS).syncUninterruptibly();
        blocking.shutdownNow();
        metrics.close();
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(2));
    }
}
