package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.runtime.Labels;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Stem cells on real Docker: the first cold request specializes a started runtime, environment and all. */
class PrewarmIT {
    @TempDir
    Path dir;

    private LocalSluice sluice;

    @AfterEach
    void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining())
                    .as("containers left after close")
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java17", "python3"})
    void theFirstRequestIsServedByASpecializedStemCellWithTheFunctionsEnvironment(String runtime) throws Exception {
        boolean java = runtime.equals("java17");
        String code = java
                ? TestFunctions.samples().resolve("hello/target/hello.jar").toString()
                : TestFunctions.pythonFunctions().resolve("event").toString();
        String handler = java ? "example.hello.HelloHandler::handleRequest" : "index.handler";
        String initializer = java ? "example.hello.HelloHandler::initialize" : "index.initializer";
        sluice = LocalSluice.deploy(
                """
                prewarm: { RUNTIME: 1 }
                functions:
                  hello:
                    runtime: RUNTIME
                    code: CODE
                    handler: HANDLER
                    initializer: INITIALIZER
                    memory: 256Mi
                    env: { GREETING: Bonjour }
                """
                        .replace("RUNTIME", runtime)
                        .replace("CODE", code)
                        .replace("INITIALIZER", initializer)
                        .replace("HANDLER", handler),
                dir);
        List<String> cells = awaitStemCells(1);
        assertThat(cells).hasSize(1);

        HttpResponse<String> first = sluice.invoke("hello", "world");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).startsWith("Bonjour, world!");
        InstanceView instance = sluice.instances("hello").get(0);
        assertThat(instance.containerId()).isEqualTo(cells.get(0));
        assertThat(instance.coldStart()).isNotNull();
        assertThat(instance.coldStart().isFromStemCell()).isTrue();
        assertThat(awaitStemCells(1)).as("a replacement cell").hasSize(1).doesNotContain(cells.get(0));
        assertThat(sluice.invoke("hello", "again").body()).startsWith("Bonjour, again!");
    }

    /** Waits until exactly {@code n} ready stem cells of this gateway exist; returns their container ids. */
    private List<String> awaitStemCells(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> cells = stemCells();
        while (System.nanoTime() < deadline && (cells.size() != n || sluice.stemCellsReady() != n)) {
            Thread.sleep(100);
            cells = stemCells();
        }
        return cells;
    }

    private List<String> stemCells() {
        List<String> ours = sluice.containers();
        List<String> inUse = sluice.instances("hello").stream()
                .map(InstanceView::containerId)
                .toList();
        return sluice.docker().containersLabelled(Labels.STEM_CELL, "true").stream()
                .filter(ours::contains)
                .filter(id -> !inUse.contains(id))
                .toList();
    }
}
