package dev.sluice.config.function;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A function's code as files: copied where an instance finds it under {@code /code} (a stem cell's directory, a
 * published version, an exported image), and told apart by its content.
 */
public final class CodeTree {
    private CodeTree() {}

    /**
     * Copies {@code code} into the directory {@code target} as an instance sees it under {@code /code}: a jar or zip
     * as {@code target/<its name>}, a directory's contents as {@code target/...}. Everything is made readable by all,
     * since instances run as an unprivileged user.
     */
    public static void copyInto(Path code, Path target) throws IOException {
        Files.createDirectories(target);
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

    /**
     * Returns the SHA-256 of {@code path}, in hex: of a file's bytes, or of a directory's files, each as its relative
     * path, a zero byte and its bytes, in path order, so that the same tree anywhere has the same digest.
     */
    public static String sha256(Path path) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
        if (!Files.isDirectory(path)) {
            update(digest, path);
            return HexFormat.of().formatHex(digest.digest());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(path)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            digest.update(path.relativize(file).toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            update(digest, file);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    private static void readableByAll(Path path, boolean directory) throws IOException {
        if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwxr-xr-x" : "rw-r--r--"));
        }
    }
}
