package dev.sluice.config.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformConfigTest {

    private static final Path USER_HOME = Path.of("/home/ada").toAbsolutePath();

    @Test
    void defaultsToLocalhostPort8080AndDotSluiceInTheUsersHome() {
        PlatformConfig config = PlatformConfig.fromEnvironment(Map.of(), USER_HOME);

        assertThat(config).isEqualTo(new PlatformConfig("127.0.0.1", 8080, USER_HOME.resolve(".sluice")));
    }

    @Test
    void readsHostPortAndHomeFromTheEnvironment() {
        Path home = Path.of("/var/lib/sluice").toAbsolutePath();
        Map<String, String> env =
                Map.of("SLUICE_HOST", "0.0.0.0", "SLUICE_PORT", " 9090 ", "SLUICE_HOME", home + "/./x/..");

        PlatformConfig config = PlatformConfig.fromEnvironment(env, USER_HOME);

        assertThat(config).isEqualTo(new PlatformConfig("0.0.0.0", 9090, home));
    }

    @Test
    void treatsBlankVariablesAsUnset() {
        PlatformConfig config =
                PlatformConfig.fromEnvironment(Map.of("SLUICE_PORT", "", "SLUICE_HOME", " "), USER_HOME);

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.home()).isEqualTo(USER_HOME.resolve(".sluice"));
    }

    @Test
    void expandsATildeInHome() {
        PlatformConfig config = PlatformConfig.fromEnvironment(Map.of("SLUICE_HOME", "~/state"), USER_HOME);

        assertThat(config.home()).isEqualTo(USER_HOME.resolve("state"));
    }

    @Test
    void resolvesARelativeHomeAgainstTheWorkingDirectory() {
        PlatformConfig config = PlatformConfig.fromEnvironment(Map.of("SLUICE_HOME", "state"), USER_HOME);

        assertThat(config.home()).isEqualTo(Path.of("state").toAbsolutePath());
    }

    @Test
    void acceptsPortZeroForAnyFreePort() {
        assertThat(PlatformConfig.fromEnvironment(Map.of("SLUICE_PORT", "0"), USER_HOME)
                        .port())
                .isZero();
    }

    @Test
    void rejectsAPortThatIsNotAPortNamingTheVariable() {
        assertThatThrownBy(() -> PlatformConfig.fromEnvironment(Map.of("SLUICE_PORT", "eighty"), USER_HOME))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("SLUICE_PORT: \"eighty\" is not a port (expected: 0..65535)");
        assertThatThrownBy(() -> PlatformConfig.fromEnvironment(Map.of("SLUICE_PORT", "70000"), USER_HOME))
                .hasMessage("SLUICE_PORT: \"70000\" is not a port (expected: 0..65535)");
    }

    @Test
    void constructorRejectsARelativeHome() {
        assertThatThrownBy(() -> new PlatformConfig("127.0.0.1", 8080, Path.of("rel")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("home: rel (expected: an absolute path)");
    }
}
