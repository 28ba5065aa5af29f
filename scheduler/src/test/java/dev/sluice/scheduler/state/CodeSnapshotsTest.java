package dev.sluice.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeSnapshotsTest {
    @TempDir
    Path dir;

    @Test
    void aCodeFileIsCopiedSoThatRewritingItLeavesTheDeployedVersionAlone() throws IOException {
        Path jar = Files.writeString(dir.resolve("todo.jar"), "version 1");
        CodeSnapshots snapshots = new CodeSnapshots(dir.resolve("state"));

        Path first = snapshots.pin("todo", jar);
        Files.writeString(jar, "version 2, written in place");
        Path second = snapshots.pin("todo", jar);

        assertThat(first).isNotEqualTo(jar).hasFileName("todo.jar").hasContent("version 1");
        assertThat(second).isNotEqualTo(first).hasContent("version 2, written in place");
        snapshots.release(first);
        assertThat(first).doesNotExist();
        assertThat(second).exists();
    }

    @Test
    void aDirectoryOrNoCodeIsRunAsItIs() throws IOException {
        Path code = Files.createDirectories(dir.resolve("web"));
        CodeSnapshots snapshots = new CodeSnapshots(dir.resolve("state"));

        assertThat(snapshots.pin("web", code)).isEqualTo(code);
        assertThat(snapshots.pin("image-only", null)).isNull();
        snapshots.release(code);
        assertThat(code).exists();
    }

    @Test
    void whatAnEarlierRunLeftIsRemovedAtStart() throws IOException {
        Path jar = Files.writeString(dir.resolve("todo.jar"), "version 1");
        Path left = new CodeSnapshots(dir.resolve("state")).pin("todo", jar);

        new CodeSnapshots(dir.resolve("state"));

        assertThat(left).doesNotExist();
        assertThat(jar).exists();
    }
}
