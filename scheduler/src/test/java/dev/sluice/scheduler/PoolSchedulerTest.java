package dev.sluice.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.network.Subnets;
import dev.sluice.testing.FakeContainerRuntime;
import dev.sluice.testing.FakeRuntimeClient;
import dev.sluice.testing.ManualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoolSchedulerTest {
    @TempDir
    Path state;

    @Test
    void theFunctionsAreListedInTheOrderOfTheirDocument() {
        List<String> names = List.of("web", "user", "todo", "todo-cold", "hello", "a", "z");
        List<FunctionSpec> functions = new ArrayList<>();
        for (String name : names) {
            functions.add(FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle")
                    .build());
        }
        PoolScheduler scheduler = new PoolScheduler(
                new FakeContainerRuntime(),
                new FakeRuntimeClient(),
                runtime -> "sluice/" + runtime.id() + ":test",
                new ManualClock(),
                new SchedulerSettings("s1", "h1", Duration.ofSeconds(30), 2, state),
                line -> {});
        try {
            scheduler.deploy(new FunctionsDocument(functions));

            assertThat(scheduler.functions()).extracting(v -> v.spec().name()).containsExactlyElementsOf(names);
            assertThat(scheduler.functions()).extracting(FunctionView::queued).containsOnly(0);
        } finally {
            scheduler.close(Duration.ZERO);
        }
    }

    @Test
    void aFunctionAskingForAnotherPythonRunsOnTheMachinesWithANoteAndTheVersionIsShown() {
        ImageSource images = new ImageSource() {
            @Override
            public String imageFor(Runtime runtime) {
                return "sluice/" + runtime.id() + ":test";
            }

            @Override
            public String versionOf(Runtime runtime) {
                return "3.11.7";
            }
        };
        List<String> events = new ArrayList<>();
        PoolScheduler scheduler = new PoolScheduler(
                new FakeContainerRuntime(),
                new FakeRuntimeClient(),
                images,
                new ManualClock(),
                new SchedulerSettings("s1", "h1", Duration.ofSeconds(30), 2, state),
                events::add);
        try {
            scheduler.deploy(new FunctionsDocument(List.of(
                    python("new", "3.12"), python("near", "3.11"), python("plain", null), python("same", "3.11.7"))));

            assertThat(events)
                    .filteredOn(line -> line.startsWith("note:"))
                    .containsExactly("note: function \"new\" asks for python3.12 and runs on this machine's Python"
                            + " 3.11.7; to run it on 3.12, set SLUICE_PYTHON=/path/to/python3.12 before sluice up");
            assertThat(scheduler.functions())
                    .extracting(FunctionView::runtimeVersion)
                    .containsOnly("3.11.7");
        } finally {
            scheduler.close(Duration.ZERO);
        }
    }

    private static FunctionSpec python(String name, String version) {
        return FunctionSpec.builder(name, Path.of("/code/" + name), "index.handler")
                .runtime(Runtime.PYTHON3)
                .runtimeVersion(version)
                .build();
    }

    @Test
    void theRunsNetworksAreMadeAtStartOnTheGivenRangeAndRemovedAtClose() {
        FakeContainerRuntime containers = new FakeContainerRuntime();
        PoolScheduler scheduler = new PoolScheduler(
                containers,
                new FakeRuntimeClient(),
                runtime -> "sluice/" + runtime.id() + ":test",
                new ManualClock(),
                new SchedulerSettings("s1", "h1", Duration.ofSeconds(30), 2, state)
                        .withSubnets(Subnets.of("10.99.0.0/20")),
                line -> {});

        assertThat(containers.networks).containsOnlyKeys("sluice-s1", "sluice-s1-cells");
        assertThat(containers.networks.values())
                .extracting(FakeContainerRuntime.FakeNetwork::subnet)
                .containsExactly("10.99.0.0/24", "10.99.1.0/24");
        scheduler.close(Duration.ZERO);

        assertThat(containers.networks).isEmpty();
    }
}
