package example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
    private final ManualClock clock = new ManualClock(Fixture.START);
    private final Tokens tokens = Tokens.fromBase64(Fixture.SECRET, clock);

    @Test
    void issuedTokenNamesTheUserForOneHour() {
        String token = tokens.issue("u-1", "alice");

        assertThat(tokens.verify(token)).contains(new Tokens.Identity("u-1", "alice"));
        clock.advance(Duration.ofMinutes(59));
        assertThat(tokens.verify(token)).isPresent();
        clock.advance(Duration.ofSeconds(61));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void carriesSubNameIatAndExpSignedHs256() {
        String[] parts = tokens.issue("u-1", "alice").split("\\.", -1);

        assertThat(decode(parts[0])).contains("\"alg\":\"HS256\"");
        String now = Long.toString(Fixture.START.getEpochSecond());
        String later = Long.toString(Fixture.START.getEpochSecond() + 3600);
        assertThat(decode(parts[1]))
                .contains("\"sub\":\"u-1\"", "\"name\":\"alice\"", "\"iat\":" + now, "\"exp\":" + later);
    }

    @Test
    void rejectsTamperedUnsignedOtherKeyAndGarbage() throws Exception {
        try (Fixture fixture = new Fixture()) {
            assertThat(fixture.tokens.verify(BadTokens.tampered(fixture))).isEmpty();
            assertThat(fixture.tokens.verify(BadTokens.unsigned(fixture))).isEmpty();
            assertThat(fixture.tokens.verify(BadTokens.otherKey(fixture))).isEmpty();
            assertThat(fixture.tokens.verify("not.a.jwt")).isEmpty();
            assertThat(fixture.tokens.verify("")).isEmpty();
            assertThat(fixture.tokens.verify((String) null)).isEmpty();
        }
    }

    @Test
    void readsCookieFirstThenBearerHeader() {
        String token = tokens.issue("u-1", "alice");
        ApiRequest get = ApiRequest.of("GET", "/api/currentUser");

        assertThat(tokens.verify(get.withHeader("Cookie", "a=b; jwtToken=" + token + "; c=d")))
                .isPresent();
        assertThat(tokens.verify(get.withHeader("Authorization", "bearer " + token)))
                .isPresent();
        assertThat(tokens.verify(
                        get.withHeader("Cookie", "jwtToken=stale").withHeader("Authorization", "Bearer " + token)))
                .isPresent();
        assertThat(tokens.verify(get.withHeader("Authorization", "Basic " + token)))
                .isEmpty();
        assertThat(tokens.verify(get)).isEmpty();
    }

    @Test
    void refusesShortOrNonBase64Secret() {
        String shortSecret = Base64.getEncoder().encodeToString(new byte[31]);

        assertThatThrownBy(() -> Tokens.fromBase64(shortSecret, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JWT_SECRET: 31 bytes")
                .hasMessageContaining(">= 32");
        assertThatThrownBy(() -> Tokens.fromBase64("not base64!", clock)).hasMessageContaining("not base64");
    }

    @Test
    void acceptsUrlSafeBase64Secret() {
        String urlSafe = Base64.getUrlEncoder().encodeToString(Fixture.bytes(48, 3));

        assertThat(Tokens.fromBase64(urlSafe, clock).issue("u", "n")).isNotEmpty();
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
