package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.source.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionSpecTest {

    private static final Path CODE = Path.of("/srv/code/../code/hello.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void builderStartsFromTheSameDefaultsAsTheYaml() throws ConfigException {
        Documents documents = new Documents(dir);
        FunctionSpec parsed = documents.parse(Documents.MINIMAL).functions().get(0);

        FunctionSpec built =
                FunctionSpec.builder("hello", parsed.code(), parsed.handler()).build();

        assertThat(built).isEqualTo(parsed);
    }

    @Test
    void builderSetsEveryValue() {
        FunctionSpec spec = FunctionSpec.builder("hello", CODE, "a.B::c")
                .runtime(Runtime.JAVA17)
                .initializer("a.B::init")
                .initializationTimeout(Duration.ofSeconds(5))
                .timeout(Duration.ofSeconds(10))
                .memoryMb(256)
                .cpu(0.5)
                .instanceConcurrency(10)
                .minInstances(1)
                .maxInstances(3)
                .idleTimeout(Duration.ofMinutes(2))
                .env("A", "1")
                .trigger(HttpTrigger.of("/a"))
                .watermarks(new Watermarks(80, 0))
                .build();

        assertThat(spec.code()).isEqualTo(CODE.normalize());
        assertThat(spec.hasInitializer()).isTrue();
        assertThat(spec)
                .extracting(
                        FunctionSpec::memoryMb,
                        FunctionSpec::cpu,
                        FunctionSpec::instanceConcurrency,
                        FunctionSpec::minInstances,
                        FunctionSpec::maxInstances)
                .containsExactly(256, 0.5, 10, 1, 3);
        assertThat(spec.env()).containsEntry("A", "1");
        assertThat(spec.triggers()).containsExactly(HttpTrigger.of("/a"));
        assertThat(spec.watermarks().hasCpu()).isTrue();
        assertThat(spec.watermarks().hasMemory()).isFalse();
    }

    @Test
    void rejectsARelativeCodePath() {
        assertThatThrownBy(() -> FunctionSpec.builder("hello", Path.of("hello.jar"), "a.B::c")
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code: hello.jar (expected: an absolute path)");
    }

    @Test
    void rejectsValuesNoSchedulerCouldHonour() {
        assertThatThrownBy(() -> FunctionSpec.builder("hello", CODE, "a.B::c")
                        .timeout(Duration.ZERO)
                        .build())
                .hasMessage("timeout: PT0S (expected: > 0)");
        assertThatThrownBy(() -> FunctionSpec.builder("hello", CODE, "a.B::c")
                        .maxInstances(0)
                        .build())
                .hasMessage("maxInstances: 0 (expected: >= 1)");
        assertThatThrownBy(() -> FunctionSpec.builder("hello", CODE, "a.B::c")
                        .minInstances(4)
                        .maxInstances(3)
                        .build())
                .hasMessage("minInstances: 4 (expected: <= maxInstances 3)");
        assertThatThrownBy(() -> FunctionSpec.builder("", CODE, "a.B::c").build())
                .hasMessage("name: \"\" (expected: not empty)");
    }

    @Test
    void allowsValuesOutsideFcsRangesForTests() {
        FunctionSpec spec = FunctionSpec.builder("hello", CODE, "a.B::c")
                .memoryMb(1)
                .idleTimeout(Duration.ofMillis(10))
                .build();

        assertThat(spec.memoryMb()).isEqualTo(1);
        assertThat(spec.idleTimeout()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void httpTriggerRejectsBadPathsAndMethods() {
        assertThatThrownBy(() -> HttpTrigger.of("a"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("path: \"a\" (expected: starts with /)");
        assertThatThrownBy(() -> new HttpTrigger("/a", Set.of("get")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("methods: [get] (expected: a non-empty subset of [GET, POST,");
    }

    @Test
    void httpTriggerAcceptsOnlyItsMethods() {
        HttpTrigger trigger = new HttpTrigger("/a", Set.of("POST"));

        assertThat(trigger.accepts("POST")).isTrue();
        assertThat(trigger.accepts("GET")).isFalse();
    }

    @Test
    void watermarksRejectPercentagesAboveOneHundred() {
        assertThatThrownBy(() -> new Watermarks(101, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cpuPercent: 101 (expected: 0..100)");
        assertThat(Watermarks.NONE.hasCpu()).isFalse();
    }

    @Test
    void runtimesAreFoundByTheirId() {
        assertThat(Runtime.fromId("java17")).contains(Runtime.JAVA17);
        assertThat(Runtime.fromId("Java17")).isEmpty();
        assertThat(Runtime.JAVA17.id()).isEqualTo("java17");
        assertThat(Runtime.fromId("nodejs20")).contains(Runtime.NODEJS20);
        assertThat(Runtime.ids()).isEqualTo("java17, nodejs20, python3, custom, custom-container");
    }
}
