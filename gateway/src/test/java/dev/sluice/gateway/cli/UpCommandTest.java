package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpCommandTest {
    @TempDir
    Path dir;

    private static final Map<String, String> ENV = Map.of("SLUICE_FUNCTIONS", "/repo/sample-functions/functions.yml");

    @Test
    void withoutAProjectFileTheSampleAppIsDeployed() {
        assertThat(UpCommand.defaultFunctions(ENV, dir)).isEqualTo(Path.of("/repo/sample-functions/functions.yml"));
    }

    @Test
    void anSYamlInTheWorkingDirectoryIsDeployed() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "edition: 3.0.0\n");

        assertThat(UpCommand.defaultFunctions(ENV, dir)).isEqualTo(dir.resolve("s.yaml"));
    }

    @Test
    void aFunctionsYmlComesBeforeAnSYaml() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "edition: 3.0.0\n");
        Files.writeString(dir.resolve("functions.yml"), "functions: {}\n");

        assertThat(UpCommand.defaultFunctions(ENV, dir)).isEqualTo(dir.resolve("functions.yml"));
    }

    @Test
    void theSubnetRangeIsTheOptionsElseTheEnvironmentsElseTheDefault() {
        Map<String, String> env = Map.of("SLUICE_SUBNETS", "10.77.0.0/16");

        assertThat(UpCommand.subnetRange("10.88.0.0/16", env).range()).isEqualTo("10.88.0.0/16");
        assertThat(UpCommand.subnetRange(null, env).range()).isEqualTo("10.77.0.0/16");
        assertThat(UpCommand.subnetRange(null, Map.of()).range()).isEqualTo("10.213.0.0/16");
        assertThatThrownBy(() -> UpCommand.subnetRange(null, Map.of("SLUICE_SUBNETS", "10.213.0.0")))
                .hasMessage("subnet range \"10.213.0.0\" is not an IPv4 range in CIDR form (expected e.g."
                        + " 10.213.0.0/16)");
    }
}
