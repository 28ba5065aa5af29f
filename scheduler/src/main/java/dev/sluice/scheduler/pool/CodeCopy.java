package dev.sluice.scheduler.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A stem cell's code directory, readable by the container's unprivileged user; the code goes in with {@code
 * CodeTree.copyInto}.
 */
final class CodeCopy {
    private CodeCopy() {}

    /** Creates {@code parent/name}, readable by all. */
    static Path freshDirectory(Path parent, String name) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            readableByAll(parent, true);
            readableByAll(dir, true);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + parent.resolve(name), e);
        }
    }

    private static void readableByAll(Path path, boolean directory) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
