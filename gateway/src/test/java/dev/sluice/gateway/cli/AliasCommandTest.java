package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AliasCommandTest {

    @Test
    void aWeightIsAPercentOrAShare() throws Exception {
        assertThat(AliasCommand.Set.weights(List.of("2=10%", "3=0.05", " 4 = 2.5% ")))
                .containsExactly(Map.entry("2", 0.1), Map.entry("3", 0.05), Map.entry("4", 0.025));
    }

    @Test
    void aMalformedWeightSaysWhatIsExpected() {
        for (String bad : List.of("2", "=10%", "2=", "2=ten", "2=10%%")) {
            assertThatThrownBy(() -> AliasCommand.Set.weights(List.of(bad)))
                    .isInstanceOf(BadInputException.class)
                    .hasMessage("--weight " + bad + ": expected VERSION=SHARE, the share as 10% or 0.1, e.g."
                            + " --weight 2=10%");
        }
    }

    @Test
    void aSplitIsSaidInPercents() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(AliasCommand.split(json.readTree(
                        "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": 0.1, \"3\": 0.025}}")))
                .isEqualTo("version 1 87.5%, version 2 10%, version 3 2.5%");
        assertThat(AliasCommand.split(json.readTree("{\"versionId\": \"4\", \"additionalVersionWeight\": {}}")))
                .isEqualTo("version 4 100%");
    }
}
