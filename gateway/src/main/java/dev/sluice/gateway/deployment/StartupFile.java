package dev.sluice.gateway.deployment;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file {@code sluice up} was started with, as it was then: a deployment made through the API is restored only
 * on top of the same file, unchanged.
 *
 * @param path absolute and normalized
 * @param sha256 the SHA-256 of its text (UTF-8), in hex
 */
public record StartupFile(Path path, String sha256) {

    /** Normalizes the path. */
    public StartupFile {
        path = requireNonNull(path, "path").toAbsolutePath().normalize();
        requireNonNull(sha256, "sha256");
    }

    /** Returns the startup file {@code file} whose text is {@code text}. */
    public static StartupFile of(Path file, String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return new StartupFile(file, HexFormat.of().formatHex(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
