package example.todo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordsTest {
    private final Passwords passwords = new Passwords(1_000);

    @Test
    void storesSchemeIterationsSaltAndHash() {
        String stored = new Passwords(Passwords.ITERATIONS).hash("secret1");

        assertThat(stored).matches("pbkdf2-sha256\\$310000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}");
        assertThat(new Passwords(Passwords.ITERATIONS).matches("secret1", stored))
                .isTrue();
    }

    @Test
    void matchesOnlyTheSamePassword() {
        String stored = passwords.hash("secret1");

        assertThat(passwords.matches("secret1", stored)).isTrue();
        assertThat(passwords.matches("secret2", stored)).isFalse();
        assertThat(passwords.matches("", stored)).isFalse();
    }

    @Test
    void saltsEachHashAfresh() {
        assertThat(passwords.hash("secret1")).isNotEqualTo(passwords.hash("secret1"));
    }

    @Test
    void checksWithTheStoredIterationCount() {
        String stored = new Passwords(2_000).hash("secret1");

        assertThat(passwords.matches("secret1", stored)).isTrue();
    }

    @Test
    void neverMatchesMalformedStoredValues() {
        assertThat(passwords.matches("secret1", "secret1")).isFalse();
        assertThat(passwords.matches("secret1", "md5$1$a$b")).isFalse();
        assertThat(passwords.matches("secret1", "pbkdf2-sha256$0$AAAA$AAAA")).isFalse();
        assertThat(passwords.matches("secret1", "pbkdf2-sha256$10$!!$AAAA")).isFalse();
    }
}
