package dev.sluice.gateway.reload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChangesTest {
    private static final Path PROJECT = Path.of("/work/app");
    private static final Path FILE = PROJECT.resolve("functions.yml");
    private static final Map<String, Path> CODE = Map.of(
            "web", PROJECT.resolve("web"),
            "todo", PROJECT.resolve("todo/target/todo.jar"),
            "outside", Path.of("/opt/shared/lib"));

    private static Changes of(Path... paths) {
        return Changes.of(new LinkedHashSet<>(List.of(paths)), FILE, CODE, PROJECT);
    }

    @Test
    void eachChangedPathGoesToTheFunctionWhoseCodeHoldsIt() {
        Changes changes = of(
                PROJECT.resolve("web/index.js"),
                PROJECT.resolve("web/lib/util.js"),
                PROJECT.resolve("todo/target/todo.jar"),
                Path.of("/opt/shared/lib/a.js"));

        assertThat(changes.file()).isFalse();
        assertThat(changes.code())
                .containsExactly(
                        Map.entry("web", PROJECT.resolve("web/index.js")),
                        Map.entry("todo", PROJECT.resolve("todo/target/todo.jar")),
                        Map.entry("outside", Path.of("/opt/shared/lib/a.js")));
        assertThat(changes.sources()).isEmpty();
    }

    @Test
    void theDeployedFileAndSourcesAreToldApartFromBuildOutputAndHiddenFiles() {
        Changes changes = of(
                FILE,
                PROJECT.resolve("todo/src/main/java/Todo.java"),
                PROJECT.resolve("todo/target/classes/Todo.class"),
                PROJECT.resolve(".git/index"),
                PROJECT.resolve("web/node_modules/x/index.js"),
                PROJECT.resolve("todo/.Todo.java.swp"),
                Path.of("/elsewhere/notes.txt"));

        assertThat(changes.file()).isTrue();
        assertThat(changes.sources()).containsExactly(PROJECT.resolve("todo/src/main/java/Todo.java"));
        assertThat(changes.code()).containsOnlyKeys("web");
    }

    @Test
    void withoutABuildNothingIsASource() {
        Changes changes = Changes.of(
                new LinkedHashSet<>(List.of(PROJECT.resolve("todo/src/main/java/Todo.java"))), FILE, CODE, null);

        assertThat(changes.isEmpty()).isTrue();
    }

    @Test
    void changesAreActedOnOnceNoneCameForTheQuietPeriod() {
        Quiet quiet = new Quiet(Duration.ofMillis(300));
        long ms = 1_000_000;

        quiet.changed(Path.of("/a"), 0);
        quiet.changed(Path.of("/b"), 200 * ms);
        quiet.changed(Path.of("/a"), 400 * ms);

        assertThat(quiet.isDue(600 * ms)).as("200 ms after the last change").isFalse();
        assertThat(quiet.isDue(700 * ms)).isTrue();
        assertThat(quiet.take()).containsExactly(Path.of("/a"), Path.of("/b"));
        assertThat(quiet.isDue(10_000 * ms)).as("nothing left").isFalse();
    }
}
