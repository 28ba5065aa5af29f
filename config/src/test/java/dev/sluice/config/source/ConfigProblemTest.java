package dev.sluice.config.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigProblemTest {

    @Test
    void printsSourceLineColumnPathAndMessage() {
        ConfigProblem problem =
                new ConfigProblem("functions.yml", 14, 13, "functions.hello.memory", "\"512mb\" is bad");

        assertThat(problem).hasToString("functions.yml:14:13: functions.hello.memory: \"512mb\" is bad");
    }

    @Test
    void leavesOutAnEmptyPath() {
        ConfigProblem problem = new ConfigProblem("functions.yml", 1, 1, "", "the document is empty");

        assertThat(problem).hasToString("functions.yml:1:1: the document is empty");
    }

    @Test
    void leavesOutThePositionWhenLineIsZero() {
        ConfigProblem problem = new ConfigProblem("/tmp/functions.yml", 0, 0, "", "file not found");

        assertThat(problem).hasToString("/tmp/functions.yml: file not found");
    }

    @Test
    void rejectsNegativePositions() {
        assertThatThrownBy(() -> new ConfigProblem("f", -1, 0, "", "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line: -1 (expected: >= 0)");
    }

    @Test
    void problemsAreListedByPositionWhateverTheReportingOrder() {
        Problems problems = new Problems("f.yml");
        problems.report(9, 1, "b", "second");
        problems.report(2, 7, "a", "first");
        problems.report(9, 1, "c", "third");

        assertThat(problems.list()).extracting(ConfigProblem::message).containsExactly("first", "second", "third");
        assertThat(problems.count()).isEqualTo(3);
    }

    @Test
    void throwsOnlyWhenSomethingWasReported() throws ConfigException {
        Problems problems = new Problems("f.yml");
        problems.throwIfAny();

        problems.report(1, 1, "", "bad");

        assertThatThrownBy(problems::throwIfAny)
                .isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).problems())
                .isEqualTo(List.of(new ConfigProblem("f.yml", 1, 1, "", "bad")));
    }
}
