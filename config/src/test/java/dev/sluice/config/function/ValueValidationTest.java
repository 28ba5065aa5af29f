package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every format and range rule of a single setting, each reported at the value with the key path as typed. */
class ValueValidationTest {

    private static final String DURATION = "(expected: e.g. 500ms, 5s, 2m, 1h, or a number of seconds)";

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    static Stream<Arguments> badSizes() {
        return Stream.of(
                bad(
                        "memory: 512mb",
                        "6:13: functions.hello.memory: \"512mb\" is not a size (expected: e.g. 128Mi, 1Gi)"),
                bad("memory: 0.5", "6:13: functions.hello.memory: 0.5 is not a size (expected: e.g. 128Mi, 1Gi)"),
                bad("memory: 64Mi", "6:13: functions.hello.memory: \"64Mi\" (expected: 128Mi..32Gi)"),
                bad("memory: 64Gi", "6:13: functions.hello.memory: \"64Gi\" (expected: 128Mi..32Gi)"),
                bad(
                        "memory: 99999999999999999999",
                        "6:13: functions.hello.memory: 99999999999999999999" + " (expected: 128Mi..32Gi)"),
                bad(
                        "memory: 200",
                        "6:13: functions.hello.memory: 200 is not a multiple of 64Mi"
                                + " (expected: e.g. 192Mi or 256Mi)"));
    }

    static Stream<Arguments> badDurations() {
        return Stream.of(
                bad("timeout: 0s", "6:14: functions.hello.timeout: \"0s\" (expected: 1s..86400s)"),
                bad("timeout: 25h", "6:14: functions.hello.timeout: \"25h\" (expected: 1s..86400s)"),
                bad("timeout: -1", "6:14: functions.hello.timeout: -1 (expected: 1s..86400s)"),
                bad(
                        "timeout: 10 seconds",
                        "6:14: functions.hello.timeout: \"10 seconds\" is not a duration " + DURATION),
                bad("timeout: 1.5", "6:14: functions.hello.timeout: 1.5 is not a duration " + DURATION),
                bad(
                        "timeout:",
                        "6:5: functions.hello.timeout: no value (expected: a duration, e.g. 500ms, 5s, 2m,"
                                + " 1h, or a number of seconds)"),
                bad(
                        "initializationTimeout: 301s",
                        "6:28: functions.hello.initializationTimeout: \"301s\" (expected: 1s..300s)"),
                bad(
                        "initializationTimeout: 500ms",
                        "6:28: functions.hello.initializationTimeout: \"500ms\" (expected: 1s..300s)"),
                bad("idleTimeout: 25h", "6:18: functions.hello.idleTimeout: \"25h\" (expected: 1s..24h)"));
    }

    static Stream<Arguments> badNumbers() {
        return Stream.of(
                bad("cpu: 0.01", "6:10: functions.hello.cpu: 0.01 (expected: 0.05..16)"),
                bad("cpu: 17", "6:10: functions.hello.cpu: 17 (expected: 0.05..16)"),
                bad("cpu: true", "6:10: functions.hello.cpu: true is not a number (expected: 0.05..16)"),
                bad("cpu: half", "6:10: functions.hello.cpu: \"half\" is not a number (expected: 0.05..16)"));
    }

    static Stream<Arguments> badWholeNumbers() {
        return Stream.of(
                bad("instanceConcurrency: 0", "6:26: functions.hello.instanceConcurrency: 0 (expected: 1..200)"),
                bad("instanceConcurrency: 201", "6:26: functions.hello.instanceConcurrency: 201 (expected: 1..200)"),
                bad(
                        "instanceConcurrency: 2.5",
                        "6:26: functions.hello.instanceConcurrency: 2.5 is not a whole number (expected: 1..200)"),
                bad("minInstances: -1", "6:19: functions.hello.minInstances: -1 (expected: 0..100)"),
                bad("minInstances: 101", "6:19: functions.hello.minInstances: 101 (expected: 0..100)"),
                bad("maxInstances: 0", "6:19: functions.hello.maxInstances: 0 (expected: 1..100)"),
                bad("maxInstances: 101", "6:19: functions.hello.maxInstances: 101 (expected: 1..100)"),
                bad(
                        "maxInstances: { n: 1 }",
                        "6:19: functions.hello.maxInstances: a map is not a whole number (expected: 1..100)"),
                bad(
                        "maxInstances: [1]",
                        "6:19: functions.hello.maxInstances: a list is not a whole number (expected: 1..100)"));
    }

    static Stream<Arguments> badInitializers() {
        return Stream.of(
                bad(
                        "initializer: init",
                        "6:18: functions.hello.initializer: \"init\" is not a Java initializer"
                                + " (expected: package.Class::method, e.g. example.HelloHandler::handleRequest)"),
                bad(
                        "initializer: true",
                        "6:18: functions.hello.initializer: true is not a Java initializer"
                                + " (expected: package.Class::method, e.g. example.HelloHandler::handleRequest)"));
    }

    static Stream<Arguments> badWatermarks() {
        return Stream.of(
                bad(
                        "watermarks: { cpu: 120%, memory: 85% }",
                        "6:24: functions.hello.watermarks.cpu: \"120%\" (expected: 1%..100%)"),
                bad("watermarks: { cpu: 0 }", "6:24: functions.hello.watermarks.cpu: 0 (expected: 1%..100%)"),
                bad(
                        "watermarks: { memory: high }",
                        "6:27: functions.hello.watermarks.memory: \"high\" is not a"
                                + " percentage (expected: 1%..100%, e.g. 80%)"),
                bad(
                        "watermarks: { disk: 80% }",
                        "6:19: functions.hello.watermarks: unknown key \"disk\" (expected: cpu, memory)"),
                bad(
                        "watermarks: 80%",
                        "6:17: functions.hello.watermarks: \"80%\" is not a map"
                                + " (expected: e.g. { cpu: 80%, memory: 85% })"));
    }

    private static Arguments bad(String setting, String problem) {
        return Arguments.of(setting, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"badSizes", "badDurations", "badNumbers", "badWholeNumbers", "badInitializers", "badWatermarks"})
    void reportsABadValueAtTheValueWithTheKeyPath(String setting, String problem) {
        assertThat(documents.problems(Documents.withSettings(setting))).containsExactly("functions.yml:" + problem);
    }

    static Stream<Arguments> goodValues() {
        return Stream.of(
                Arguments.of("memory: 1Gi", "memoryMb", 1024),
                Arguments.of("memory: 128", "memoryMb", 128),
                Arguments.of("memory: \"32Gi\"", "memoryMb", 32_768),
                Arguments.of("timeout: 86400", "timeout", Duration.ofDays(1)),
                Arguments.of("timeout: 2m", "timeout", Duration.ofMinutes(2)),
                Arguments.of("timeout: 1500ms", "timeout", Duration.ofMillis(1500)),
                Arguments.of("timeout: \"7\"", "timeout", Duration.ofSeconds(7)),
                Arguments.of("idleTimeout: 24h", "idleTimeout", Duration.ofHours(24)),
                Arguments.of("initializationTimeout: 300s", "initializationTimeout", Duration.ofMinutes(5)),
                Arguments.of("cpu: 16", "cpu", 16.0),
                Arguments.of("cpu: 0.05", "cpu", 0.05),
                Arguments.of("cpu: \"2\"", "cpu", 2.0),
                Arguments.of("instanceConcurrency: 200", "instanceConcurrency", 200),
                Arguments.of("minInstances: 10", "minInstances", 10),
                Arguments.of("maxInstances: 1", "maxInstances", 1),
                Arguments.of("watermarks: { memory: 1% }", "watermarks", new Watermarks(0, 1)),
                Arguments.of("watermarks: { cpu: 100 }", "watermarks", new Watermarks(100, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodValues")
    void acceptsValuesAtTheEdgesOfTheirRange(String setting, String component, Object expected) throws Exception {
        FunctionSpec hello = documents
                .parse(Documents.withSettings(setting))
                .function("hello")
                .orElseThrow();

        assertThat(hello).extracting(component).isEqualTo(expected);
    }
}
