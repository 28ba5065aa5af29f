package dev.sluice.scheduler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the content of a function's code path cheaply (newest modification time, total size, file count), so
 * that redeploying the same YAML after rebuilding a jar starts fresh instances.
 */
public record CodeVersion(long newestModified, long totalSize, long files) {

    /** Returns the version of {@code code}; a function without code (a custom container) has one version. */
    public static CodeVersion of(@Nullable Path code) {
        if (code == null) {
            return new CodeVersion(0, 0, 0);
        }
        try (Stream<Path> paths = Files.walk(code)) {
            long[] acc = new long[3];
            paths.filter(Files::isRegularFile).forEach(p -> {
                try {
                    acc[0] = Math.max(acc[0], Files.getLastModifiedTime(p).toMillis());
                    acc[1] += Files.size(p);
                    acc[2]++;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new CodeVersion(acc[0], acc[1], acc[2]);
        } catch (IOException | UncheckedIOException e) {
            return new CodeVersion(-1, -1, -1);
        }
    }
}
