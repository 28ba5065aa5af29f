package dev.sluice.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigExceptionTest {

    @Test
    void messageListsEveryProblemThenCountsThem() {
        ConfigException e = new ConfigException(List.of(
                new ConfigProblem("functions.yml", 14, 13, "functions.hello.memory", "\"512mb\" is not a size"),
                new ConfigProblem("functions.yml", 19, 5, "functions.hello", "unknown key \"timout\""),
                new ConfigProblem("functions.yml", 22, 19, "functions.hello.maxInstances", "0 (expected: 1..100)")));

        assertThat(e)
                .hasMessage(
                        """
                        functions.yml:14:13: functions.hello.memory: "512mb" is not a size
                        functions.yml:19:5: functions.hello: unknown key "timout"
                        functions.yml:22:19: functions.hello.maxInstances: 0 (expected: 1..100)
                        3 problems; nothing was started.""");
        assertThat(e.problems()).hasSize(3);
    }

    @Test
    void messageUsesTheSingularForOneProblem() {
        ConfigException e = new ConfigException(new ConfigProblem("f.yml", 0, 0, "", "file not found"));

        assertThat(e).hasMessage("f.yml: file not found\n1 problem; nothing was started.");
    }

    @Test
    void rejectsAnEmptyProblemList() {
        assertThatThrownBy(() -> new ConfigException(List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("problems: [] (expected: at least one)");
    }

    @Test
    void problemsCannotBeModified() {
        ConfigException e = new ConfigException(new ConfigProblem("f.yml", 1, 1, "", "bad"));

        assertThatThrownBy(() -> e.problems().clear()).isInstanceOf(UnsupportedOperationException.class);
    }
}
