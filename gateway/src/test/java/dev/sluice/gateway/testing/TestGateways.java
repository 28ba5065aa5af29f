package dev.sluice.gateway.testing;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.server.GatewayLimits;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.server.Readiness;
import dev.sluice.scheduler.api.Scheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Gateways that unit tests start in-process on a free port, on an in-memory scheduler: admin token {@code secret},
 * 5 s start budget, ready at once, the API open for changes as after {@code sluice up}'s own deploy.
 */
public final class TestGateways {
    /** The admin token of these gateways. */
    public static final String TOKEN = "secret";

    private TestGateways() {}

    /** Starts a gateway on {@code scheduler} with the default limits. */
    public static GatewayServer start(Scheduler scheduler) throws InterruptedException {
        return start(scheduler, GatewayLimits.DEFAULT, line -> {});
    }

    /** Starts a gateway on {@code scheduler} with {@code limits}, its notices to {@code notices}. */
    public static GatewayServer start(Scheduler scheduler, GatewayLimits limits, Consumer<String> notices)
            throws InterruptedException {
        Deployer deployer = Deployers.of(scheduler, "", Path.of("."), Path.of(".sluice-state"));
        deployer.start(new FunctionsDocument(scheduler.deployed()));
        return GatewayServer.start(
                "127.0.0.1",
                0,
                scheduler,
                new AdminToken(TOKEN, Path.of("admin-token")),
                deployer,
                Duration.ofSeconds(5),
                Readiness.always(),
                limits,
                notices);
    }
}
