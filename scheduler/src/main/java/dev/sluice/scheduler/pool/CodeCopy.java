package dev.sluice.scheduler.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Puts a function's code into a stem cell's code directory, laid out as a fresh instance would see it under /code:
 * a jar as {@code /code/<name>.jar}, a directory's contents as {@code /code/...}. Everything readable by the
 * container's unprivileged user.
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

    /** Copies {@code code} (a jar, zip or directory) into {@code target}. */
    static void into(Path code, Path target) throws IOException {
        if (!Files.isDirectory(code)) {
            Path copy = target.resolve(String.valueOf(code.getFileName()));
            Files.copy(code, copy, StandardCopyOption.REPLACE_EXISTING);
            readableByAll(copy, false);
            return;
        }
        Files.walkFileTree(code, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(code.relativize(dir).toString());
                Files.createDirectories(copy);
                readableByAll(copy, true);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(code.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                readableByAll(copy, false);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void readableByAll(Path path, boolean directory) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
