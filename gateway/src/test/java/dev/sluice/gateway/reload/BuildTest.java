package dev.sluice.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.testing.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildTest {
    @TempDir
    Path project;

    private final List<String> said = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    private Build build(String command) {
        return new Build(command, project, new ManualClock(), said::add, problems::add);
    }

    @Test
    void aBuildRunsInTheProjectAndSaysOneLine() throws Exception {
        boolean built = build("echo compiled > out.txt && echo noise").run("src/App.java");

        assertThat(built).isTrue();
        assertThat(Files.readString(project.resolve("out.txt"))).isEqualTo("compiled\n");
        assertThat(said).singleElement().asString().startsWith("built (src/App.java changed) with `echo compiled");
        assertThat(problems).isEmpty();
    }

    @Test
    void aFailedBuildShowsItsLastLinesAndKeepsWhatRuns() {
        boolean built = build("for i in $(seq 1 40); do echo line $i; done; echo 'error: ; expected' >&2; exit 3")
                .run("src/App.java");

        assertThat(built).isFalse();
        assertThat(said).isEmpty();
        assertThat(problems)
                .singleElement()
                .asString()
                .contains("failed (exit 3, src/App.java changed", "still running the previous version")
                .contains("error: ; expected", "line 40")
                .doesNotContain("line 10\n");
    }
}
