package dev.sluice.scheduler.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StemCellsTest extends PoolFixture {
    private static final String IMAGE = "sluice/java17:abc";

    @TempDir
    Path dir;

    /** The networks the cell had joined when it was specialized, filled by {@link #firstCallFromACell}. */
    private final List<String> joinedWhenSpecialized = new ArrayList<>();

    private FunctionSpec hello() throws IOException {
        Path jar = Files.write(dir.resolve("hello.jar"), new byte[] {1, 2, 3});
        return FunctionSpec.builder("hello", jar, "example.Hello::handle")
                .initializer("example.Hello::init")
                .memoryMb(256)
                .env("GREETING", "hi")
                .build();
    }

    private void prewarm(FunctionSpec function, int count) {
        FunctionsDocument document = new FunctionsDocument(List.of(function), Map.of(Runtime.JAVA17, count));
        StemCells cells = launcher.stemCells();
        cells.configure(cells.targetsFor(document, Map.of(Runtime.JAVA17, IMAGE)));
    }

    @Test
    void prewarmStartsUnboundCellsWithTheFunctionsResources() throws IOException {
        prewarm(hello(), 2);
        executor.runAll();

        assertThat(launcher.stemCells().readyCount()).isEqualTo(2);
        assertThat(containers.created).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.labels()).containsEntry(Labels.STEM_CELL, "true").doesNotContainKey(Labels.FUNCTION);
            assertThat(spec.memoryMb()).isEqualTo(256);
            assertThat(spec.env()).doesNotContainKey("GREETING").doesNotContainKey("FC_FUNCTION_HANDLER");
        });
    }

    @Test
    void theFirstColdRequestSpecializesACellInsteadOfCreatingAContainer() throws IOException {
        FunctionSpec hello = hello();
        prewarm(hello, 1);
        executor.runAll();
        String cell = containers.live().get(0);
        InstancePool pool = new InstancePool(hello, IMAGE, launcher, clock, SETTINGS);

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();

        assertThat(lease).isCompleted();
        assertThat(pool.instances()).singleElement().satisfies(i -> {
            assertThat(i.containerId()).isEqualTo(cell);
            assertThat(i.coldStart()).isNotNull();
            assertThat(i.coldStart().isFromStemCell()).isTrue();
        });
        assertThat(client.specialized.get("hello-1"))
                .containsEntry("GREETING", "hi")
                .containsEntry("FC_FUNCTION_HANDLER", "example.Hello::handle")
                .containsEntry("FC_INSTANCE_ID", "hello-1");
        assertThat(client.initialized).containsExactly("hello-1");
        ContainerSpec cellSpec = containers.created.get(0);
        assertThat(cellSpec.network()).as("cells wait isolated").isEqualTo("sluice-s1-cells");
        assertThat(containers.joined.get(cell))
                .as("then join their function's network")
                .containsExactly("sluice-s1-fn-hello");
        Path codeDir = Path.of(cellSpec.mounts().get(0).hostPath());
        assertThat(codeDir.resolve("hello.jar")).hasBinaryContent(new byte[] {1, 2, 3});
        assertThat(containers.created).as("the cell, then its replacement").hasSize(2);
        assertThat(launcher.stemCells().readyCount()).isEqualTo(1);
    }

    @Test
    void withoutAServiceTheCellJoinsItsFunctionsNetworkOnlyOnceItServes() throws IOException {
        String cell = firstCallFromACell();

        assertThat(joinedWhenSpecialized).as("not before its code runs").isEmpty();
        assertThat(containers.joined.get(cell)).containsExactly("sluice-s1-fn-hello");
    }

    @Test
    void withAServiceRunningTheCellJoinsItsFunctionsNetworkBeforeItsCodeRuns() throws IOException {
        networks.serviceUp("db-container", "db");

        firstCallFromACell();

        assertThat(joinedWhenSpecialized).containsExactly("sluice-s1-fn-hello");
    }

    /** Prewarms one cell, sends hello's first call, which the cell serves, and returns the cell's container. */
    private String firstCallFromACell() throws IOException {
        FunctionSpec hello = hello();
        prewarm(hello, 1);
        executor.runAll();
        String cell = containers.live().get(0);
        client.onSpecialize = () -> joinedWhenSpecialized.addAll(containers.joined.getOrDefault(cell, List.of()));
        InstancePool pool = new InstancePool(hello, IMAGE, launcher, clock, SETTINGS);

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();

        assertThat(lease).isCompleted();
        return cell;
    }

    @Test
    void aFunctionWithAnotherShapeDoesNotTakeTheCell() throws IOException {
        prewarm(hello(), 1);
        executor.runAll();
        FunctionSpec bigger = FunctionSpec.builder("big", dir.resolve("hello.jar"), "example.Hello::handle")
                .memoryMb(1024)
                .build();
        InstancePool pool = new InstancePool(bigger, IMAGE, launcher, clock, SETTINGS);

        CompletableFuture<Lease> lease = pool.acquire(in(Duration.ofMinutes(1)));
        executor.runAll();

        assertThat(lease).isCompleted();
        assertThat(pool.instances().get(0).coldStart().isFromStemCell()).isFalse();
        assertThat(launcher.stemCells().readyCount()).isEqualTo(1);
    }

    @Test
    void aCellThatExitsIsReplacedAndCloseRemovesTheCells() throws IOException {
        prewarm(hello(), 1);
        executor.runAll();
        String first = containers.live().get(0);

        assertThat(launcher.stemCells().exited(first)).isTrue();
        executor.runAll();
        assertThat(launcher.stemCells().readyCount()).isEqualTo(1);
        launcher.stemCells().close();
        executor.runAll();

        assertThat(launcher.stemCells().readyCount()).isZero();
        assertThat(containers.live())
                .as("the exited cell is the engine's to report; the replacement is removed")
                .containsExactly(first);
    }

    @Test
    void withoutPrewarmThereAreNoCells() throws IOException {
        FunctionsDocument document = new FunctionsDocument(List.of(hello()));
        StemCells cells = launcher.stemCells();

        cells.configure(cells.targetsFor(document, Map.of(Runtime.JAVA17, IMAGE)));
        executor.runAll();

        assertThat(cells.readyCount()).isZero();
        assertThat(containers.created).isEmpty();
    }
}
