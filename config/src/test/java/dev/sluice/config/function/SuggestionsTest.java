package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SuggestionsTest {

    @Test
    void suggestsKeysOneOrTwoEditsAway() {
        assertThat(Suggestions.closest("timout", FunctionReader.KEYS)).contains("timeout");
        assertThat(Suggestions.closest("hanlder", FunctionReader.KEYS)).contains("handler");
        assertThat(Suggestions.closest("max_instances", FunctionReader.KEYS)).contains("maxInstances");
        assertThat(Suggestions.closest("idle-timeout", FunctionReader.KEYS)).contains("idleTimeout");
    }

    @Test
    void suggestsTheSameKeyInAnotherCase() {
        assertThat(Suggestions.closest("MinInstances", FunctionReader.KEYS)).contains("minInstances");
    }

    @Test
    void suggestsSluicesNameForFunctionComputeNames() {
        assertThat(Suggestions.closest("MemorySize", FunctionReader.KEYS)).contains("memory");
        assertThat(Suggestions.closest("EnvironmentVariables", FunctionReader.KEYS))
                .contains("env");
        assertThat(Suggestions.closest("CodeUri", FunctionReader.KEYS)).contains("code");
    }

    @Test
    void suggestsAKeyTheTypedTextStarts() {
        assertThat(Suggestions.closest("mem", FunctionReader.KEYS)).contains("memory");
    }

    @Test
    void suggestsNothingForUnrelatedKeys() {
        assertThat(Suggestions.closest("services", FunctionReader.KEYS)).isEmpty();
        assertThat(Suggestions.closest("x", FunctionReader.KEYS)).isEmpty();
    }

    @Test
    void measuresEditDistance() {
        assertThat(Suggestions.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(Suggestions.distance("", "abc")).isEqualTo(3);
        assertThat(Suggestions.distance("same", "same")).isZero();
    }
}
