package dev.sluice.gateway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.testing.FakeScheduler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadinessTest {
    private static final FunctionSpec HELLO = FunctionSpec.builder(
                    "hello", Path.of("/code/hello.jar"), "example.Hello::handle")
            .build();
    private static final FunctionSpec RESERVED = FunctionSpec.builder(
                    "warm", Path.of("/code/warm.jar"), "example.Warm::handle")
            .minInstances(2)
            .maxInstances(3)
            .build();
    private static final ServiceSpec DB = new ServiceSpec(
            "db", Runtime.JAVA17, null, null, List.of(), List.of(), 9092, Map.of(), Map.of(), Map.of(), 256, 0.5);
    private static final FunctionsDocument DOCUMENT =
            new FunctionsDocument(List.of(HELLO, RESERVED), Map.of(), List.of(), List.of(DB));

    @Test
    void theStatusWordSaysStartingUntilFirstInPlaceThenUnavailableWhileTheEngineIsGone() {
        FakeScheduler scheduler = new FakeScheduler();
        Readiness readiness = Readiness.of(scheduler, new FunctionsDocument(List.of()));
        assertThat(readiness.status()).isEqualTo("starting");
        readiness.deployed();
        assertThat(readiness.status()).isEqualTo("ready");

        scheduler.engine = new EngineState("unix:///var/run/docker.sock", false, 0, "connection refused");

        assertThat(readiness.status()).isEqualTo("unavailable");
        assertThat(readiness.pending()).singleElement().asString().contains("cannot be reached since");
        scheduler.engine = new EngineState("unix:///var/run/docker.sock", true, 0, null);
        assertThat(readiness.status()).isEqualTo("ready");
    }

    @Test
    void aServiceThatDoesNotListenYetAndTheFunctionsArePending() {
        List<String> pending = Readiness.pendingOf(DOCUMENT, List.of(service("STARTING")), List.of(), false);

        assertThat(pending).containsExactly("service db: starting (waiting for port 9092)", "functions: 2 to deploy");
    }

    @Test
    void reservedInstancesStillStartingArePendingOnceDeployed() {
        List<String> pending = Readiness.pendingOf(
                DOCUMENT,
                List.of(service("RUNNING")),
                List.of(
                        view(HELLO),
                        view(RESERVED, instance(InstanceState.READY), instance(InstanceState.INITIALIZING))),
                true);

        assertThat(pending).containsExactly("function warm: 1 of 2 reserved instances ready");
    }

    @Test
    void nothingIsPendingWhenReservedInstancesAreReady() {
        List<String> pending = Readiness.pendingOf(
                DOCUMENT,
                List.of(service("RUNNING")),
                List.of(view(RESERVED, instance(InstanceState.READY), instance(InstanceState.READY))),
                true);

        assertThat(pending).isEmpty();
    }

    @Test
    void aReservedInstanceWhoseStartFailedIsNotWaitedFor() {
        // The failed instance left its pool; the pool retries later, and the console said why.
        List<String> pending = Readiness.pendingOf(
                DOCUMENT, List.of(service("RUNNING")), List.of(view(RESERVED, instance(InstanceState.READY))), true);

        assertThat(pending).isEmpty();
    }

    @Test
    void aServiceNotStartedYetIsNamed() {
        List<String> pending = Readiness.pendingOf(DOCUMENT, List.of(), List.of(), false);

        assertThat(pending).first().isEqualTo("service db: not started (waiting for port 9092)");
    }

    @Test
    void aGatewayWithoutAStartingDeploymentIsReadyAtOnce() {
        Readiness readiness = Readiness.always();

        assertThat(readiness.isReady()).isTrue();
        assertThat(readiness.pending()).isEmpty();
    }

    private static ServiceView service(String state) {
        return new ServiceView("db", "sluice/java17:abc", state, "c1", null, 0, null);
    }

    private static FunctionView view(FunctionSpec spec, InstanceView... instances) {
        return new FunctionView(spec, "sluice/java17:abc", "17.0.13", List.of(instances), 0, null, CallTarget.LATEST);
    }

    private static InstanceView instance(InstanceState state) {
        return new InstanceView("i", state, "c", null, null, 0, 10, true, null, null, null, null);
    }
}
