package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.source.ConfigException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvValidationTest {

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    @Test
    void keepsValuesAsWrittenAndInOrder() throws ConfigException {
        String text = Documents.withSettings(
                "env:", "  ZED: 1", "  _ALPHA: 0.50", "  FLAG: off", "  HEX: 0x1F", "  QUOTED: \"\"", "  URL: a:b");

        FunctionSpec hello = documents.parse(text).function("hello").orElseThrow();

        assertThat(hello.env())
                .containsExactly(
                        Map.entry("ZED", "1"),
                        Map.entry("_ALPHA", "0.50"),
                        Map.entry("FLAG", "off"),
                        Map.entry("HEX", "0x1F"),
                        Map.entry("QUOTED", ""),
                        Map.entry("URL", "a:b"));
    }

    @Test
    void rejectsTheReservedFcPrefix() {
        assertThat(documents.problems(Documents.withSettings("env:", "  FC_REGION: local", "  fc_lower: ok")))
                .containsExactly("functions.yml:7:7: functions.hello.env: \"FC_REGION\" is reserved for the platform"
                        + " (expected: a name not starting with FC_)");
    }

    @Test
    void rejectsNamesThatAreNotVariableNames() {
        assertThat(documents.problems(Documents.withSettings("env:", "  MY-VAR: 1", "  2X: 2")))
                .containsExactly(
                        "functions.yml:7:7: functions.hello.env: \"MY-VAR\" is not a variable name (expected:"
                                + " letters, digits and _, not starting with a digit)",
                        "functions.yml:8:7: functions.hello.env: \"2X\" is not a variable name (expected:"
                                + " letters, digits and _, not starting with a digit)");
    }

    @Test
    void rejectsValuesThatAreNotScalars() {
        assertThat(documents.problems(Documents.withSettings("env:", "  LIST: [1, 2]", "  EMPTY:")))
                .containsExactly(
                        "functions.yml:7:13: functions.hello.env.LIST: a list is not a value (expected: a string,"
                                + " number or boolean; \"\" if empty; or " + SECRET_HINT + ")",
                        "functions.yml:8:7: functions.hello.env.EMPTY: no value (expected: a value, a string,"
                                + " number or boolean; \"\" if empty; or " + SECRET_HINT + ")");
    }

    private static final String SECRET_HINT = "{ secret: NAME }, NAME of lower-case letters, digits, _ . or -";

    @Test
    void aSecretReferenceIsKeptApartFromThePlainValues() throws Exception {
        FunctionSpec function = documents
                .parse(Documents.withSettings("env:", "  JWT_SECRET: { secret: jwt }", "  MODE: dev"))
                .functions()
                .get(0);

        assertThat(function.env()).containsExactly(Map.entry("MODE", "dev"));
        assertThat(function.secrets()).containsExactly(Map.entry("JWT_SECRET", "jwt"));
    }

    @Test
    void aSecretReferenceNeedsAFileSafeNameAndNothingElse() {
        assertThat(documents.problems(Documents.withSettings(
                        "env:", "  A: { secret: ../etc/passwd }", "  B: { secret: jwt, length: 64 }")))
                .containsExactly(
                        "functions.yml:7:20: functions.hello.env.A.secret: \"../etc/passwd\" is not a secret name"
                                + " (expected: " + SECRET_HINT + ")",
                        "functions.yml:8:25: functions.hello.env.B: unknown key \"length\" (expected: secret)");
    }

    @Test
    void rejectsEnvThatIsNotAMap() {
        assertThat(documents.problems(Documents.withSettings("env: [GREETING=Hello]")))
                .containsExactly("functions.yml:6:10: functions.hello.env: a list is not a map (expected: NAME: value"
                        + " pairs, e.g. { GREETING: Hello })");
    }
}
