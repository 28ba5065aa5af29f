package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionSpecBuilder;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.network.SessionNetworks;
import dev.sluice.scheduler.network.Subnets;
import dev.sluice.scheduler.runtime.Labels;
import dev.sluice.testing.FakeContainerRuntime;
import dev.sluice.testing.FakeRuntimeClient;
import dev.sluice.testing.ManualClock;
import dev.sluice.testing.QueuedExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** A pool on fakes and a manual clock: containers "start" when the test runs the executor, time moves when told. */
class PoolFixture {
    /** Watermark window 5 s, cooldown 10 s. */
    static final PoolSettings SETTINGS = new PoolSettings(Duration.ofSeconds(5), Duration.ofSeconds(10));

    final FakeContainerRuntime containers = new FakeContainerRuntime();
    final FakeRuntimeClient client = new FakeRuntimeClient();
    final ManualClock clock = new ManualClock();
    final QueuedExecutor executor = new QueuedExecutor();
    final List<String> events = new ArrayList<>();
    final SessionNetworks networks = new SessionNetworks(
                    containers, "s1", Map.of(Labels.SESSION, "s1"), Subnets.of("10.213.0.0/16"), List::of, events::add)
            .open();
    final InstanceLauncher launcher = new InstanceLauncher(
            containers,
            client,
            clock,
            executor,
            Map.of(Labels.SESSION, "s1", Labels.HOME, "h1"),
            Duration.ofSeconds(30),
            events::add,
            networks,
            secret -> "value of " + secret);

    InstancePool pool(UnaryOperator<FunctionSpecBuilder> settings) {
        FunctionSpecBuilder builder =
                FunctionSpec.builder("hello", Path.of("/code/hello.jar"), "example.Hello::handle");
        return new InstancePool(settings.apply(builder).build(), "sluice/java17:abc", launcher, clock, SETTINGS);
    }

    long in(Duration d) {
        return clock.nanoTime() + d.toNanos();
    }

    /** Sends {@code n} requests at once, each willing to wait a minute. */
    List<CompletableFuture<Lease>> burst(InstancePool pool, int n) {
        List<CompletableFuture<Lease>> leases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            leases.add(pool.acquire(in(Duration.ofMinutes(1))));
        }
        return leases;
    }
}
