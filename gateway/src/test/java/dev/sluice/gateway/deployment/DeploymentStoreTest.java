package dev.sluice.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentStoreTest {
    @TempDir
    Path home;

    private static SavedDeployment deployment(String text, List<String> removed) {
        return new SavedDeployment(
                text,
                SavedDeployment.REQUEST_BODY,
                Path.of("/work/app"),
                removed,
                StartupFile.of(Path.of("/work/app/functions.yml"), "functions: {}\n"),
                Instant.parse("2026-03-01T12:03:44.250Z"));
    }

    private List<String> filesInStore() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("deployment"))) {
            return files.map(f -> String.valueOf(f.getFileName())).sorted().toList();
        }
    }

    @Test
    void nothingIsKeptUntilSomethingIsWritten() throws IOException {
        assertThat(new DeploymentStore(home).read()).isEmpty();
    }

    @Test
    void aKeptDeploymentReadsBackFieldForField() throws IOException {
        DeploymentStore store = new DeploymentStore(home);
        SavedDeployment kept =
                deployment("functions:\n  hello: {} # \"quoted\", tabs\t and ünïcode\n", List.of("a", "b"));

        store.write(kept);

        assertThat(new DeploymentStore(home).read()).contains(kept);
        assertThat(store.file()).isEqualTo(home.resolve("deployment/deployment.json"));
    }

    @Test
    void aWriteReplacesTheKeptDeploymentAndLeavesNoTemporaryFile() throws IOException {
        DeploymentStore store = new DeploymentStore(home);
        store.write(deployment("first", List.of()));

        store.write(deployment("second", List.of("hello")));

        assertThat(store.read()).contains(deployment("second", List.of("hello")));
        assertThat(filesInStore()).containsExactly("deployment.json");
    }

    @Test
    void aTemporaryFileLeftByACrashMidWriteIsIgnoredAndRemovedByTheNextWrite() throws IOException {
        DeploymentStore store = new DeploymentStore(home);
        store.write(deployment("kept", List.of()));
        Files.writeString(home.resolve("deployment/deployment.json.123.tmp"), "{\"format\": 1, \"te");

        assertThat(store.read()).contains(deployment("kept", List.of()));

        store.write(deployment("next", List.of()));
        assertThat(filesInStore()).containsExactly("deployment.json");
    }

    @Test
    void theFileIsReadableByItsOwnerOnly() throws IOException {
        DeploymentStore store = new DeploymentStore(home);

        store.write(deployment("functions: {}", List.of()));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
                .isEqualTo("rw-------");
    }

    @Test
    void deleteForgetsTheKeptDeployment() throws IOException {
        DeploymentStore store = new DeploymentStore(home);
        store.delete();
        store.write(deployment("functions: {}", List.of()));

        store.delete();

        assertThat(store.read()).isEmpty();
        assertThat(filesInStore()).isEmpty();
    }

    @Test
    void aFileThatIsNotAKeptDeploymentIsAnErrorNamingIt() throws IOException {
        DeploymentStore store = new DeploymentStore(home);
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "{\"format\": 1, \"source\": \"request body\"}");

        IOException e = catchThrowableOfType(IOException.class, store::read);

        assertThat(e)
                .hasMessage(store.file() + ": no \"text\" text (expected: a deployment this version of Sluice kept)");

        Files.writeString(store.file(), "functions:");
        assertThat(catchThrowableOfType(IOException.class, store::read).getMessage())
                .startsWith(store.file() + ": not JSON (");
    }
}
