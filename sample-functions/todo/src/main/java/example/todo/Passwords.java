package example.todo;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes: PBKDF2 with HMAC-SHA256 from the JDK, a random 16-byte salt, stored as
 * {@code pbkdf2-sha256$iterations$salt$hash} (salt and hash in base64). A stored hash carries its own iteration
 * count, so raising {@link #ITERATIONS} later leaves existing users able to log in. Thread-safe.
 */
final class Passwords {
    /** OWASP's 2023 figure for PBKDF2-HMAC-SHA256. */
    static final int ITERATIONS = 310_000;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;

    private final int iterations;
    private final SecureRandom random = new SecureRandom();

    /** Hashes with {@code iterations} rounds; tests use few, to stay fast. */
    Passwords(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations: " + iterations + " (expected: >= 1)");
        }
        this.iterations = iterations;
    }

    /** Returns the stored form of {@code password}, salted afresh. */
    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /**
     * True if {@code password} is the one {@code stored} was made from. The comparison takes the same time wherever
     * the hashes differ; a stored value of another form never matches.
     */
    boolean matches(String password, String stored) {
        if (password.isEmpty()) {
            return false; // the JDK's PBKDF2 refuses an empty key; no stored hash is of an empty password
        }
        String[] parts = stored.split("\\$", -1);
        if (parts.length != 4 || !parts[0].equals(SCHEME) || !parts[1].matches("[1-9][0-9]{0,8}")) {
            return false;
        }
        byte[] salt;
        byte[] expected;
        try {
            salt = Base64.getDecoder().decode(parts[2]);
            expected = Base64.getDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, Integer.parseInt(parts[1])));
    }

    /**
     * Spends the time a real check would, for a user that does not exist, so that a login's timing does not tell
     * whether the name is registered.
     */
    void matchNone(String password) {
        if (!password.isEmpty()) {
            pbkdf2(password, new byte[SALT_BYTES], iterations);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java 17 runtime has PBKDF2WithHmacSHA256", e);
        }
    }
}
