package dev.sluice.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * What the platform keeps between runs in its state directory: generated secrets ({@code secrets/NAME}) and the
 * named volumes of services ({@code volumes/NAME}). Thread-safe: files are created atomically, and the first
 * writer of a secret wins.
 */
public final class StateDirectory {
    private static final int SECRET_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path root;

    public StateDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * Returns the secret {@code name}: 32 random bytes in base64, generated the first time it is asked for and kept
     * (readable by the owner only) from then on, so that tokens signed with it survive a restart.
     */
    public String secret(String name) {
        Path file = root.resolve("secrets").resolve(checkedName(name));
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[SECRET_BYTES];
            RANDOM.nextBytes(bytes);
            Path draft = Files.createTempFile(file.getParent(), name, ".new", ownerOnly());
            Files.writeString(draft, Base64.getEncoder().encodeToString(bytes), StandardCharsets.US_ASCII);
            try {
                Files.move(draft, file); // not replacing: a concurrent first writer may have won
            } catch (FileAlreadyExistsException e) {
                Files.delete(draft);
            }
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the secret " + name + " in " + file.getParent(), e);
        }
    }

    /**
     * Returns the directory of the volume {@code name}, created if new. It is writable by everyone: containers run
     * as an unprivileged user whose id is not the owner's.
     */
    public Path volume(String name) {
        Path dir = root.resolve("volumes").resolve(checkedName(name));
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the volume " + name + " in " + dir.getParent(), e);
        }
    }

    private static String checkedName(String name) {
        if (!name.matches("[a-z0-9][a-z0-9_.-]{0,63}") || name.contains("..")) {
            throw new IllegalArgumentException("name: \"" + name + "\" (expected: lower-case letters, digits, _ . -)");
        }
        return name;
    }

    private static java.nio.file.attribute.FileAttribute<Set<PosixFilePermission>> ownerOnly() {
        return PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    }
}
