package dev.sluice.scheduler.release;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A version's own copy of its code, so that later builds and edits of the deployed code never reach it, and the
 * digest that tells whether the code changed since the last version.
 */
final class CodeCopy {
    private CodeCopy() {}

    /**
     * Copies {@code code} (a file, or a directory and everything in it) into the empty directory {@code into},
     * keeping its name, and returns the copy's path.
     *
     * @throws UncheckedIOException if it cannot be copied; the caller removes what was copied
     */
    static Path copy(Path code, Path into) {
        Path copy = into.resolve(String.valueOf(code.getFileName()));
        try {
            Files.createDirectories(into);
            if (!Files.isDirectory(code)) {
                Files.copy(code, copy, StandardCopyOption.COPY_ATTRIBUTES);
                return copy;
            }
            Files.createDirectories(copy);
            for (Path path : sorted(code)) {
                Path target = copy.resolve(code.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the code " + code + " to " + into, e);
        }
    }

    /**
     * Returns the SHA-256 of {@code code}: of a file's bytes, or of a directory's relative paths and their files'
     * bytes, in path order, so that the same tree anywhere has the same digest.
     */
    static String sha256(Path code) {
        MessageDigest digest = sha256();
        try {
            if (!Files.isDirectory(code)) {
                update(digest, code);
            } else {
                for (Path path : sorted(code)) {
                    digest.update(code.relativize(path).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    if (Files.isRegularFile(path)) {
                        update(digest, path);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code " + code, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(path -> !path.equals(dir)).sorted().toList();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
