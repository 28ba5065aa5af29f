package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FC's execution environment, as each runtime's instances see it: one probe per runtime (the same report, written
 * in its language, or as a custom container's own server) compared with the table of FC's environment.
 */
class ExecutionEnvironmentIT {
    private static final String IMAGE = "sluice-test/probe:1";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    static Stream<String> runtimes() {
        return Stream.of("java17", "nodejs20", "python3", "custom", "custom-container");
    }

    @BeforeAll
    static void deploy() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();
        Path probe = TestFunctions.nodeFunctions().resolve("probe");
        Path build = Files.createDirectories(dir.resolve("image"));
        Files.copy(probe.resolve("index.js"), build.resolve("index.js"));
        Files.copy(probe.resolve("server.js"), build.resolve("server.js"));
        Files.writeString(
                build.resolve("Dockerfile"),
                "FROM " + RuntimeImages.fromRunningJdk(docker).ensure("nodejs20") + "\n"
                        + "COPY index.js server.js /app/\n"
                        + "ENTRYPOINT [\"/usr/bin/node\", \"/app/server.js\"]\n");
        docker.buildImage(build, IMAGE);
        String common = "    memory: 256Mi\n    diskSize: 256Mi\n    timeout: 30s\n";
        sluice = LocalSluice.deploy(
                "functions:\n"
                        + "  java17:\n    runtime: java17\n    code: " + TestFunctions.jar() + "\n"
                        + "    handler: dev.sluice.testing.functions.EnvironmentProbe::handleRequest\n"
                        + "    initializer: dev.sluice.testing.functions.EnvironmentProbe::initialize\n"
                        + "    initializationTimeout: 20s\n" + common
                        + "  nodejs20:\n    runtime: nodejs20\n    code: " + probe + "\n"
                        + "    handler: index.handler\n    initializer: index.initializer\n"
                        + "    initializationTimeout: 20s\n" + common
                        + "  python3:\n    runtime: python3\n    code: "
                        + TestFunctions.pythonFunctions().resolve("probe") + "\n"
                        + "    handler: index.handler\n    initializer: index.initializer\n"
                        + "    initializationTimeout: 20s\n" + common
                        + "  custom:\n    runtime: custom\n    code: " + probe + "\n" + common
                        + "  custom-container:\n    runtime: custom-container\n    image: " + IMAGE + "\n"
                        + "    port: 9000\n" + common,
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void tmpIsWritableAndTakesUnixSocketsAndHasTheDiskSize(String runtime) throws Exception {
        JsonNode report = probe(runtime);

        assertThat(report.get("tmpWritable").asBoolean()).as("a file in /tmp").isTrue();
        assertThat(report.get("tmpSocket").asBoolean())
                .as("a Unix socket in /tmp")
                .isTrue();
        assertThat(report.get("tmpMb").asLong()).as("diskSize: 256Mi").isBetween(250L, 256L);
        assertThat(report.at("/env/HOME").asText()).isEqualTo("/tmp");
        assertThat(report.get("homeWritable").asBoolean()).isTrue();
        assertThat(report.get("uid").asInt()).as("not root").isEqualTo(65534);
        assertThat(report.get("memoryLimitMb").asLong()).isEqualTo(256L);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void theEnvironmentHasFcsVariables(String runtime) throws Exception {
        JsonNode env = probe(runtime).get("env");

        assertThat(env.get("FC_FUNCTION_NAME").asText()).isEqualTo(runtime);
        assertThat(env.get("FC_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.get("FC_RUNTIME").asText()).isEqualTo(runtime);
        assertThat(env.get("FC_TIMEOUT").asText()).isEqualTo("30");
        assertThat(env.get("FC_FUNC_CODE_PATH").asText()).isEqualTo("/code/");
        assertThat(env.get("FC_INSTANCE_ID").asText()).startsWith(runtime + "-");
        assertThat(env.get("FC_CUSTOM_LISTEN_PORT").asText()).isEqualTo("9000");
        assertThat(env.get("FC_SERVER_PORT").asText()).isEqualTo("9000");
        assertThat(env.get("TZ").asText()).isEqualTo("UTC");
        for (String name : List.of(
                "FC_FUNCTION_HANDLER",
                "FC_REGION",
                "FC_ACCOUNT_ID",
                "FC_QUALIFIER",
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
                "ALIBABA_CLOUD_SECURITY_TOKEN")) {
            assertThat(env.has(name)).as(name).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("builtIn")
    void builtInRuntimesRunInReadOnlyCodeWithTheInitializersVariables(String runtime) throws Exception {
        JsonNode report = probe(runtime);

        assertThat(report.get("cwd").asText()).isEqualTo("/code");
        assertThat(report.get("codeWritable").asBoolean())
                .as("/code is read-only")
                .isFalse();
        assertThat(report.at("/env/FC_INITIALIZER_HANDLER").asText()).isNotEmpty();
        assertThat(report.at("/env/FC_INITIALIZATION_TIMEOUT").asText()).isEqualTo("20");
    }

    static Stream<String> builtIn() {
        return Stream.of("java17", "nodejs20", "python3");
    }

    @org.junit.jupiter.api.Test
    void nodeModulesResolveFromTheCodeDirectory() throws Exception {
        assertThat(probe("nodejs20").get("dependency").asText()).isEqualTo("probe-dep");
    }

    private static JsonNode probe(String runtime) throws Exception {
        HttpResponse<String> response = sluice.invoke(runtime, "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
