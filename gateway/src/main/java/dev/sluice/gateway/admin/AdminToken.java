package dev.sluice.gateway.admin;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/** The secret that authorizes changes to deployments, kept in a file only its owner can read. */
public final class AdminToken {
    private static final String BEARER = "Bearer ";

    private final String secret;
    private final Path file;

    public AdminToken(String secret, Path file) {
        this.secret = secret;
        this.file = file;
    }

    /** Returns the file the token is kept in. */
    public Path file() {
        return file;
    }

    /** Returns the token, for the CLI to send. */
    public String secret() {
        return secret;
    }

    /** Returns whether an {@code Authorization} header carries this token; compares in constant time. */
    public boolean accepts(@Nullable String authorization) {
        if (authorization == null || !authorization.startsWith(BEARER)) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, secret.getBytes(StandardCharsets.UTF_8));
    }
}
