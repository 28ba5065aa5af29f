package dev.sluice.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.scheduler.api.FunctionView;
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
}
