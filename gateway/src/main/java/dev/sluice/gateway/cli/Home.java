package dev.sluice.gateway.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The state directory ({@code $SLUICE_HOME}, default {@code ~/.sluice}), held exclusively by one running gateway
 * through a lock file. Holding it is what makes every container labelled with this directory a leftover at startup.
 */
final class Home implements AutoCloseable {
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    private Home(Path dir, FileChannel lockChannel, FileLock lock) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the state directory, creating it if needed. */
    static Home open(Path dir) throws IOException, HomeBusyException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        FileChannel channel =
                FileChannel.open(absolute.resolve("gateway.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            channel.close();
            throw new HomeBusyException(absolute);
        }
        return new Home(absolute, channel, lock);
    }

    Path dir() {
        return dir;
    }

    /** Returns a short stable id of this directory, used as the {@code sluice.home} label. */
    String label() {
        return labelOf(dir);
    }

    /** Returns the {@code sluice.home} label of the state directory {@code dir}, without taking it. */
    static String labelOf(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(absolute.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Returns the admin token, generating it (readable by its owner only) on first use. */
    String adminToken() throws IOException {
        Path file = tokenFile();
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        return token;
    }

    Path tokenFile() {
        return dir.resolve("admin-token");
    }

    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    /** Another gateway holds the state directory. */
    static final class HomeBusyException extends Exception {
        private static final long serialVersionUID = 1L;

        HomeBusyException(Path dir) {
            super("another Sluice gateway is running with the state directory " + dir
                    + ". Stop it first, or give this one its own directory with SLUICE_HOME=/some/dir.");
        }
    }
}
