package dev.sluice.gateway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.DockerApiProxy;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Docker engine as a part that fails, on real Docker: the gateway reaches the engine through a proxy that the
 * test cuts and restores, while the engine itself and the containers go on (the machine's dockerd is never touched).
 */
class EngineLossIT {
    @TempDir
    Path dir;

    private final DockerContainerRuntime direct = DockerEngine.connectOrSkip();
    private DockerApiProxy proxy;
    private LocalSluice sluice;

    @AfterEach
    void stop() throws Exception {
        if (proxy != null) {
            proxy.restore();
        }
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining())
                    .as("containers left after close")
                    .isEmpty();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void withoutTheEngineWarmCallsGoOnNewOnesFailAtOnceAndWhenItIsBackAllIsWatchedAgain() throws Exception {
        proxy = DockerApiProxy.start(dir, engineSocket());
        sluice = LocalSluice.deployThrough(proxy.dockerHost(), document(), dir);
        String warm = awaitReadyInstance("warm", null).id();
        CompletableFuture<HttpResponse<String>> inFlight = sluice.sendAsync("/invoke/warm", "1500");
        await("the call is in flight", () -> sluice.instances("warm").get(0).slotsInUse() == 1);

        proxy.cut();

        await("the engine is seen gone", () -> !sluice.engine().up());
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).contains("cannot be reached since").contains("\"status\":\"unavailable\"");
        assertThat(get("/system/functions").body()).contains("\"up\":false");
        HttpResponse<String> cold = sluice.invoke("cold", "x");
        assertThat(cold.statusCode()).isEqualTo(503);
        assertThat(cold.headers().firstValue("X-Fc-Error-Type")).hasValue("EngineUnavailable");
        assertThat(cold.body()).contains("cannot be reached since");
        assertThat(sluice.invoke("warm", "10").body())
                .as("a warm instance goes on")
                .isEqualTo("slept 10 ms");
        assertThat(inFlight.join().body()).as("so does the call in flight").isEqualTo("slept 1500 ms");
        assertThat(sluice.instances("warm"))
                .singleElement()
                .satisfies(i -> assertThat(i.slotsInUse()).as("every slot back").isZero());

        proxy.restore();

        await("the engine is back", () -> sluice.engine().up());
        assertThat(sluice.events).anyMatch(line -> line.contains("cannot be reached"));
        assertThat(sluice.events).anyMatch(line -> line.contains("back after"));
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(sluice.invoke("cold", "again").statusCode()).isEqualTo(200);

        // Exits are watched again: a container killed now is noticed and the reserved instance replaced.
        direct.remove(Objects.requireNonNull(sluice.instances("warm").get(0).containerId()), Duration.ZERO);
        InstanceView replacement = awaitReadyInstance("warm", warm);
        assertThat(replacement.reserved()).isTrue();
        assertThat(sluice.events).anyMatch(line -> line.contains(warm + " crashed"));
    }

    @Test
    void aCallWhoseInstanceDiesWhileTheEngineIsGoneIsAnsweredAndTheReservedInstanceReturnsWithTheEngine()
            throws Exception {
        proxy = DockerApiProxy.start(dir, engineSocket());
        sluice = LocalSluice.deployThrough(proxy.dockerHost(), document() + service(), dir);
        InstanceView warm = awaitReadyInstance("warm", null);
        String serviceContainer =
                Objects.requireNonNull(sluice.services().get(0).containerId());
        proxy.cut();
        await("the engine is seen gone", () -> !sluice.engine().up());
        direct.remove(serviceContainer, Duration.ZERO); // its exit goes unseen: nobody hears the engine now
        CompletableFuture<HttpResponse<String>> inFlight = sluice.sendAsync("/invoke/warm", "20000");
        await("the call is in flight", () -> sluice.instances("warm").get(0).slotsInUse() == 1);

        direct.remove(Objects.requireNonNull(warm.containerId()), Duration.ZERO);

        // Asking the engine why fails too: the call is answered all the same, long before its timeout.
        HttpResponse<String> crashed = inFlight.get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(crashed.statusCode()).isEqualTo(502);
        assertThat(crashed.headers().firstValue("X-Fc-Error-Type")).hasValue("InstanceCrashed");
        assertThat(crashed.body()).contains("cannot be reached");
        await("the instance is out of the pool", () -> sluice.instances("warm").stream()
                .noneMatch(i -> i.id().equals(warm.id())));

        proxy.restore();

        InstanceView replacement = awaitReadyInstance("warm", warm.id());
        assertThat(replacement.reserved()).isTrue();
        assertThat(sluice.invoke("warm", "10").body()).isEqualTo("slept 10 ms");
        // What went while nobody listened is found when the engine is back: the service is started again.
        await("the service runs again", () -> sluice.services().stream()
                .anyMatch(v -> "RUNNING".equals(v.state()) && !serviceContainer.equals(v.containerId())));
    }

    /** A service that only listens, from a Node.js file written for the test. */
    private String service() throws java.io.IOException {
        Path code = java.nio.file.Files.createDirectories(dir.resolve("probe"));
        java.nio.file.Files.writeString(
                code.resolve("server.js"), "require('net').createServer(s => s.end()).listen(7000, '0.0.0.0');\n");
        return "services:\n  probe:\n    runtime: nodejs20\n    code: " + code
                + "\n    command: [node, /code/server.js]\n    port: 7000\n";
    }

    @Test
    void anEngineThatTakesCallsAndNeverAnswersHoldsNoCallPastItsDeadline() throws Exception {
        proxy = DockerApiProxy.start(dir, engineSocket());
        sluice = LocalSluice.deployThrough(proxy.dockerHost(), document(), dir);
        awaitReadyInstance("warm", null);

        proxy.hang();

        await("a silent engine is seen gone", () -> !sluice.engine().up());
        assertThat(sluice.invoke("warm", "10").body())
                .as("a warm instance goes on")
                .isEqualTo("slept 10 ms");
        // No instance of "cold" can start: its create waits for the engine's answer 30 s at most, within the
        // call's own deadline (initializationTimeout + the start budget): an answer, not a hang.
        HttpResponse<String> cold = sluice.invoke("cold", "x");
        assertThat(cold.statusCode()).isEqualTo(503);
        assertThat(cold.headers().firstValue("X-Fc-Error-Type").orElse(""))
                .isIn("EngineUnavailable", "ResourceExhausted");

        proxy.restore();

        await("the engine is back", () -> sluice.engine().up());
        assertThat(sluice.invoke("cold", "again").statusCode()).isEqualTo(200);
    }

    private String document() {
        return "functions:\n" + function("warm", "Sleep", "minInstances: 1", "instanceConcurrency: 4")
                + function("cold", "Echo");
    }

    private static String function(String name, String handlerClass, String... settings) {
        StringBuilder yaml = new StringBuilder("  " + name + ":\n    runtime: java17\n    code: " + TestFunctions.jar()
                + "\n    handler: dev.sluice.testing.functions." + handlerClass + "::handleRequest\n"
                + "    timeout: 30s\n");
        for (String setting : settings) {
            yaml.append("    ").append(setting).append('\n');
        }
        return yaml.toString();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return sluice.send(HttpRequest.newBuilder(URI.create(sluice.base() + path))
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build());
    }

    /** Waits for a READY instance of {@code function} other than {@code not}; returns it. */
    private InstanceView awaitReadyInstance(String function, String not) throws InterruptedException {
        await(function + " has a READY instance", () -> readyOther(function, not) != null);
        return Objects.requireNonNull(readyOther(function, not));
    }

    private InstanceView readyOther(String function, String not) {
        List<InstanceView> now = sluice.instances(function);
        return now.stream()
                .filter(i -> i.state() == InstanceState.READY && !i.id().equals(not))
                .findFirst()
                .orElse(null);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 60 s until " + what).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Path engineSocket() {
        String host = System.getenv("DOCKER_HOST");
        return host != null && host.startsWith("unix://")
                ? Path.of(URI.create(host).getPath())
                : Path.of("/var/run/docker.sock");
    }
}
