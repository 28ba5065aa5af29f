package dev.sluice.scheduler.api;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Replaces a file in one step, as the platform keeps its state (deployments, releases): the bytes go to a temporary file in the same directory, which is forced to disk and
 * then moved over the old file, and the directory is forced too; a crash at any moment leaves the old file or the new
 * one, never a mix. A temporary file left by such a crash is removed by the next write. The file is readable by its
 * owner only.
 */
public final class AtomicFile {
    private static final String TEMP_SUFFIX = ".tmp";

    private AtomicFile() {}

    /** Replaces {@code file} with {@code content}, creating its directory if need be. */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = dirOf(file);
        Files.createDirectories(dir);
        removeTemporaryFiles(file);
        ByteBuffer bytes = ByteBuffer.wrap(content);
        // createTempFile makes it readable by its owner only.
        Path temp = Files.createTempFile(dir, file.getFileName() + ".", TEMP_SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException(
                        "cannot replace " + file + " atomically (" + e.getMessage() + "): put SLUICE_HOME on a local"
                                + " disk",
                        e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceDirectory(dir);
    }

    /** Removes {@code file}, if any, and what an interrupted write of it left. */
    public static void delete(Path file) throws IOException {
        Files.deleteIfExists(file);
        Path dir = dirOf(file);
        if (Files.isDirectory(dir)) {
            removeTemporaryFiles(file);
            forceDirectory(dir);
        }
    }

    /** Makes a rename durable; a directory cannot be opened for this on every system, which is harmless. */
    private static void forceDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // Some file systems refuse to sync a directory; the file itself is on disk.
        }
    }

    private static Path dirOf(Path file) {
        return Objects.requireNonNull(file.toAbsolutePath().getParent(), "a file's directory");
    }

    private static void removeTemporaryFiles(Path file) throws IOException {
        Path dir = dirOf(file);
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir, file.getFileName() + ".*" + TEMP_SUFFIX)) {
            for (Path temp : temps) {
                Files.deleteIfExists(temp);
            }
        }
    }
}
