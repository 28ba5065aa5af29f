package example.todo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Tokens a write must be refused with, each made the way an attacker or a stale client would make it. */
final class BadTokens {
    private BadTokens() {}

    /** A valid token whose payload was edited to another user, the signature left as it was. */
    static String tampered(Fixture fixture) {
        String[] parts = fixture.token("alice").split("\\.", -1);
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = payload.replace("\"alice\"", "\"mallory\"");
        return parts[0] + "." + base64Url(forged) + "." + parts[2];
    }

    /** A token issued now, for a clock that has then moved past its hour. Moves the fixture's clock. */
    static String expired(Fixture fixture) {
        String token = fixture.token("alice");
        fixture.clock.advance(Tokens.LIFETIME.plus(Duration.ofSeconds(1)));
        return token;
    }

    /** An unsigned token: header {@code {"alg":"none"}}, valid claims, empty signature. */
    static String unsigned(Fixture fixture) {
        long now = fixture.clock.instant().getEpochSecond();
        String header = base64Url("{\"alg\":\"none\"}");
        String payload =
                base64Url("{\"sub\":\"u1\",\"name\":\"alice\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
        return header + "." + payload + ".";
    }

    /** A well-formed token signed HS256 with a key other than the platform's. */
    static String otherKey(Fixture fixture) {
        return new Tokens(Fixture.bytes(32, 99), fixture.clock).issue("u1", "alice");
    }

    /** Every kind above, named for test output. */
    static List<String> kinds() {
        return List.of("missing", "garbage", "tampered", "expired", "unsigned", "otherKey");
    }

    /** Returns the token of kind {@code kind}, or null for {@code missing}. */
    static String of(String kind, Fixture fixture) {
        return switch (kind) {
            case "missing" -> null;
            case "garbage" -> "not.a.jwt";
            case "tampered" -> tampered(fixture);
            case "expired" -> expired(fixture);
            case "unsigned" -> unsigned(fixture);
            case "otherKey" -> otherKey(fixture);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
