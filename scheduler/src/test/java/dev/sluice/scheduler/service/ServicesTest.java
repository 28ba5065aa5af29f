package dev.sluice.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.scheduler.network.SessionNetworks;
import dev.sluice.scheduler.network.Subnets;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.state.StateDirectory;
import dev.sluice.testing.FakeContainerRuntime;
import dev.sluice.testing.FakeRuntimeClient;
import dev.sluice.testing.ManualClock;
import dev.sluice.testing.QueuedExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServicesTest {
    @TempDir
    Path home;

    private final FakeContainerRuntime containers = new FakeContainerRuntime();
    private final FakeRuntimeClient client = new FakeRuntimeClient();
    private final ManualClock clock = new ManualClock();
    private final QueuedExecutor executor = new QueuedExecutor();
    private final List<String> events = new ArrayList<>();
    private Services services;
    private final SessionNetworks networks = new SessionNetworks(
            containers, "s1", Map.of("sluice.session", "s1"), Subnets.of("10.213.0.0/16"), List::of, e -> {});

    @BeforeEach
    void setUp() {
        services = servicesWith(client);
    }

    private Services servicesWith(FakeRuntimeClient runtimeClient) {
        return Services.create(
                containers,
                runtimeClient,
                runtime -> "sluice/" + runtime.id() + ":1",
                clock,
                executor,
                Map.of("sluice.session", "s1"),
                networks,
                new StateDirectory(home),
                Duration.ofSeconds(30),
                events::add);
    }

    private static ServiceSpec db(String... command) {
        return new ServiceSpec(
                "todo-db",
                Runtime.JAVA17,
                null,
                null,
                List.of(command),
                List.of(),
                9092,
                Map.of("MODE", "server"),
                Map.of("DB_PASSWORD", "db-password"),
                Map.of("/data", "todo-db"),
                256,
                0.5);
    }

    @Test
    void aServiceStillStartingIsInTheViewsWithoutWaitingForTheDeploy() {
        List<List<ServiceView>> seen = new ArrayList<>();
        AtomicReference<Services> under = new AtomicReference<>();
        Services waiting = servicesWith(new FakeRuntimeClient() {
            @Override
            public java.util.concurrent.CompletableFuture<Boolean> awaitPort(
                    dev.sluice.scheduler.api.Endpoint endpoint,
                    Duration timeout,
                    java.util.function.BooleanSupplier alive) {
                // Another thread, as the gateway's event loop would be, while the deploy waits here.
                seen.add(java.util.concurrent.CompletableFuture.supplyAsync(
                                () -> under.get().views())
                        .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                        .join());
                return java.util.concurrent.CompletableFuture.completedFuture(true);
            }
        });
        under.set(waiting);

        waiting.deploy(List.of(db("java", "-jar", "/code/h2.jar")));

        assertThat(seen).hasSize(1);
        assertThat(seen.get(0))
                .extracting(ServiceView::name, ServiceView::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("todo-db", "STARTING"));
        assertThat(waiting.views()).extracting(ServiceView::state).containsExactly("RUNNING");
    }

    @Test
    void aServiceRunsOnTheNetworkUnderItsNameWithItsVolumeAndSecret() throws Exception {
        services.deploy(List.of(db("java", "-jar", "/code/h2.jar")));

        ContainerSpec spec = containers.created.get(0);
        assertThat(spec.network()).isEqualTo("sluice-s1");
        assertThat(spec.aliases()).containsExactly("todo-db");
        assertThat(spec.image()).isEqualTo("sluice/java17:1");
        assertThat(spec.entrypoint()).containsExactly("java", "-jar", "/code/h2.jar");
        assertThat(spec.labels()).containsEntry("sluice.service", "todo-db").containsEntry("sluice.session", "s1");
        Path volume = home.resolve("volumes/todo-db");
        assertThat(spec.mounts()).containsExactly(new ContainerSpec.Mount(volume.toString(), "/data", false));
        assertThat(Files.isDirectory(volume)).isTrue();
        String secret = Files.readString(home.resolve("secrets/db-password"));
        assertThat(spec.env()).containsEntry("MODE", "server").containsEntry("DB_PASSWORD", secret);
        assertThat(services.views()).singleElement().satisfies(view -> {
            assertThat(view.state()).isEqualTo("RUNNING");
            assertThat(view.endpoint()).isEqualTo("127.0.0.1:9");
        });
    }

    @Test
    void anUnchangedServiceKeepsRunningAcrossDeploysAndAChangedOneIsReplaced() {
        services.deploy(List.of(db("java", "a")));
        services.deploy(List.of(db("java", "a")));
        assertThat(containers.created).hasSize(1);
        assertThat(containers.removed).isEmpty();

        services.deploy(List.of(db("java", "b")));

        assertThat(containers.created).hasSize(2);
        assertThat(containers.removed).containsExactly("c1");
        services.deploy(List.of());
        assertThat(containers.removed).containsExactly("c1", "c2");
        assertThat(services.views()).isEmpty();
    }

    @Test
    void aServiceThatNeverListensFailsTheDeployNamingItsPortAndOutput() {
        client.portOpens = false;

        ServiceStartException failure =
                catchThrowableOfType(ServiceStartException.class, () -> services.deploy(List.of(db("java"))));

        assertThat(failure)
                .hasMessageContaining("service \"todo-db\" did not listen on port 9092 within 30 s")
                .hasMessageContaining("log of c1");
        assertThat(containers.live()).isEmpty();
        assertThat(services.views()).isEmpty();
    }

    @Test
    void aServiceThatExitsIsRestartedAfterABackoffThatGrowsWhileItKeepsExiting() {
        services.deploy(List.of(db("java")));

        services.exited("c1", "exit 1");
        assertThat(services.views().get(0).state()).isEqualTo("RESTARTING");
        clock.advance(Duration.ofMillis(999));
        assertThat(executor.runAll()).isZero();
        clock.advance(Duration.ofMillis(1));
        executor.runAll();
        assertThat(containers.created).hasSize(2);
        assertThat(services.views().get(0).state()).isEqualTo("RUNNING");
        assertThat(services.views().get(0).restarts()).isEqualTo(1);

        services.exited("c2", "exit 1"); // again within a minute: twice the wait
        clock.advance(Duration.ofSeconds(1));
        assertThat(executor.runAll()).isZero();
        clock.advance(Duration.ofSeconds(1));
        executor.runAll();
        assertThat(containers.created).hasSize(3);
        assertThat(services.views().get(0).lastExit()).isEqualTo("exit 1");
    }

    @Test
    void aServiceStoppedByThePlatformIsNotRestartedAndClosingStopsEveryService() {
        services.deploy(List.of(db("java")));
        services.close();

        assertThat(services.exited("c1", "exit 143")).isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(executor.runAll()).isZero();
        assertThat(containers.removed).containsExactly("c1");
    }
}
