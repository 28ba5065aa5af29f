package dev.sluice.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StartingPointTest {
    private static final Path FILE = Path.of("/work/app/functions.yml");
    private static final StartupFile AS_IT_WAS = StartupFile.of(FILE, "functions: {hello: {}}\n");

    private static Optional<SavedDeployment> keptOnTopOf(StartupFile startup) {
        return Optional.of(new SavedDeployment(
                "functions: {web: {}}\n",
                SavedDeployment.REQUEST_BODY,
                Path.of("/work/app"),
                List.of(),
                startup,
                Instant.parse("2026-03-01T12:03:44Z")));
    }

    @Test
    void withNothingKeptItStartsFromTheFile() {
        assertThat(StartingPoint.decide(Optional.empty(), AS_IT_WAS, false)).isEqualTo(StartingPoint.FILE);
        assertThat(StartingPoint.decide(Optional.empty(), AS_IT_WAS, true)).isEqualTo(StartingPoint.FILE);
    }

    @Test
    void aDeploymentKeptOnTopOfTheSameUnchangedFileIsRestored() {
        assertThat(StartingPoint.decide(
                        keptOnTopOf(AS_IT_WAS), StartupFile.of(FILE, "functions: {hello: {}}\n"), false))
                .isEqualTo(StartingPoint.RESTORED);
    }

    @Test
    void theFileWinsWhenItChangedSince() {
        assertThat(StartingPoint.decide(
                        keptOnTopOf(AS_IT_WAS), StartupFile.of(FILE, "functions: {edited: {}}\n"), false))
                .isEqualTo(StartingPoint.FILE_CHANGED);
    }

    @Test
    void theFileWinsWhenTheKeptDeploymentWasOnTopOfAnotherFile() {
        StartupFile other = StartupFile.of(Path.of("/work/other/functions.yml"), "functions: {hello: {}}\n");

        assertThat(StartingPoint.decide(keptOnTopOf(AS_IT_WAS), other, false)).isEqualTo(StartingPoint.OTHER_FILE);
    }

    @Test
    void freshStartsFromTheFileAloneEvenWhenTheKeptDeploymentWouldBeRestored() {
        assertThat(StartingPoint.decide(keptOnTopOf(AS_IT_WAS), AS_IT_WAS, true))
                .isEqualTo(StartingPoint.FRESH);
    }
}
