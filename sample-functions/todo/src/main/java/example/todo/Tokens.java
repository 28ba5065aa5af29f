package example.todo;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Issues and checks the login tokens: JWTs signed HS256 with the platform's secret, claims {@code sub} (user id),
 * {@code name}, {@code iat} and {@code exp} one hour later. Both handlers share this class, so what one issues the
 * other accepts. Thread-safe.
 */
final class Tokens {
    /** How long a login lasts; also the cookie's Max-Age. */
    static final Duration LIFETIME = Duration.ofHours(1);

    /** HS256 needs a key of at least its hash's size (RFC 7518, section 3.2). */
    static final int MIN_SECRET_BYTES = 32;

    private final SecretKey key;
    private final Clock clock;
    private final JwtParser parser;

    Tokens(byte[] secret, Clock clock) {
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                    "secret: " + secret.length + " bytes (expected: >= " + MIN_SECRET_BYTES + ")");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
        this.clock = clock;
        // parseSignedClaims refuses unsigned ("alg": "none") tokens; verifyWith refuses other keys' signatures.
        this.parser = Jwts.parser()
                .verifyWith(key)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /**
     * Returns tokens keyed by {@code base64Secret}, the {@code JWT_SECRET} setting.
     *
     * @throws IllegalArgumentException if it is not base64 or decodes to fewer than 32 bytes
     */
    static Tokens fromBase64(String base64Secret, Clock clock) {
        byte[] secret = decode(base64Secret.strip());
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT_SECRET: " + secret.length + " bytes after base64 decoding"
                    + " (expected: >= " + MIN_SECRET_BYTES + " random bytes, e.g. `openssl rand -base64 32`)");
        }
        return new Tokens(secret, clock);
    }

    /** Decodes standard base64, or the URL-safe alphabet some generators print. */
    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            try {
                return Base64.getUrlDecoder().decode(base64);
            } catch (IllegalArgumentException alsoNot) {
                throw new IllegalArgumentException("JWT_SECRET is not base64: " + e.getMessage(), e);
            }
        }
    }

    /** Returns a signed token for the user, valid for {@link #LIFETIME} from now. */
    String issue(String userId, String userName) {
        Instant now = clock.instant();
        return Jwts.builder()
                .subject(userId)
                .claim("name", userName)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(LIFETIME)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    /**
     * Returns who {@code token} names, or empty if it is absent, malformed, unsigned, signed with another key or
     * another algorithm, expired, or lacks the user's id or name.
     */
    Optional<Identity> verify(@Nullable String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token);
            if (!Jwts.SIG.HS256.getId().equals(jws.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            Claims claims = jws.getPayload();
            String userId = claims.getSubject();
            String userName = claims.get("name", String.class);
            if (userId == null || userId.isEmpty() || userName == null || userName.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Identity(userId, userName));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Returns who the request's token names: the {@code jwtToken} cookie, else an {@code Authorization: Bearer}. */
    Optional<Identity> verify(ApiRequest request) {
        Optional<Identity> fromCookie = verify(request.cookie("jwtToken"));
        if (fromCookie.isPresent()) {
            return fromCookie;
        }
        String authorization = request.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return verify(authorization.substring(7).strip());
        }
        return Optional.empty();
    }

    /** The user a valid token names. */
    record Identity(String userId, String userName) {}
}
