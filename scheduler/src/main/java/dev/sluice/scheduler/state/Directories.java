package dev.sluice.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the directories the platform makes for a while: image build contexts, stem cells' code, code copies. */
public final class Directories {
    private Directories() {}

    /** Deletes {@code dir} and everything in it; what cannot be deleted stays (a later start or the OS cleans it). */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // Disk only: nothing reads these directories once their owner is gone.
        }
    }
}
