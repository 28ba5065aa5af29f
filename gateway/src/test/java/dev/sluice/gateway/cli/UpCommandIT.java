package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.SluiceProcess;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.runtime.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice up} as a user runs it: a separate process on the built jar, stopped the ways users stop it. */
class UpCommandIT {
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path home;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void sigtermDrainsAndLeavesNoContainerBehind() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();
        try (SluiceProcess sluice = up()) {
            URI base = sluice.awaitUp(UP_TIMEOUT);
            assertThat(invokeHello(base).body()).startsWith("Hello, world!");
            // The sample app's database service, and hello's instance.
            assertThat(ours(docker)).hasSize(2);

            sluice.terminate();

            assertThat(sluice.awaitExit(EXIT_TIMEOUT)).as("128 + SIGTERM").isEqualTo(143);
            assertThat(sluice.output()).contains("stopped.");
            assertThat(ours(docker)).isEmpty();
        }
    }

    @Test
    void afterKillMinus9TheNextUpRemovesTheLeftovers() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();
        List<String> leftovers;
        try (SluiceProcess first = up()) {
            invokeHello(first.awaitUp(UP_TIMEOUT));
            first.kill();
            leftovers = ours(docker);
            assertThat(leftovers).as("the killed gateway could not clean up").hasSize(2);
        }

        try (SluiceProcess second = up()) {
            URI base = second.awaitUp(UP_TIMEOUT);

            assertThat(second.output()).anyMatch(l -> l.contains("removed 2 container(s) left by an earlier run"));
            assertThat(ours(docker)).doesNotContainAnyElementsOf(leftovers);
            assertThat(invokeHello(base).statusCode()).isEqualTo(200);
            second.terminate();
            assertThat(second.awaitExit(EXIT_TIMEOUT)).as("128 + SIGTERM").isEqualTo(143);
        }
        assertThat(ours(docker)).isEmpty();
    }

    @Test
    void aFunctionsFileWithThreeMistakesReportsAllThreeAndStartsNothing() throws Exception {
        Path file = home.resolve("functions.yml");
        Files.writeString(
                file,
                """
                functions:
                  hello:
                    runtime: java17
                    code: ./missing/hello.jar
                    handler: example.Hello::handle
                    memory: 512mb
                    timout: 3s
                """);

        try (SluiceProcess sluice = SluiceProcess.start(env(), home, "up", "-f", file.toString(), "-p", "0")) {
            assertThat(sluice.awaitExit(EXIT_TIMEOUT)).isEqualTo(2);
            assertThat(sluice.output())
                    .anyMatch(l -> l.startsWith(file + ":4:11: functions.hello.code: "))
                    .anyMatch(l -> l.startsWith(file + ":6:13: functions.hello.memory: \"512mb\" is not a size"))
                    .anyMatch(l -> l.startsWith(file + ":7:5: functions.hello: unknown key \"timout\""))
                    .anyMatch(l -> l.equals("3 problems; nothing was started."))
                    .noneMatch(l -> l.contains("sluice is up"));
        }
    }

    @Test
    void withoutADockerEngineItSaysWhatItTriedAndExitsThree() throws Exception {
        Map<String, String> env =
                Map.of("SLUICE_HOME", home.toString(), "DOCKER_HOST", "unix://" + home.resolve("no-docker.sock"));

        try (SluiceProcess sluice =
                SluiceProcess.start(env, TestFunctions.samples().getParent(), "up", "-p", "0")) {
            assertThat(sluice.awaitExit(EXIT_TIMEOUT)).isEqualTo(3);
            assertThat(sluice.output())
                    .contains("sluice: no Docker engine reachable, so functions cannot run.")
                    .contains("  tried unix://" + home.resolve("no-docker.sock") + ": no such socket")
                    .contains("DOCKER_HOST=unix://" + home.resolve("no-docker.sock") + " does not answer. What to do:")
                    .contains("  start the engine it names, or unset DOCKER_HOST to use this machine's")
                    .noneMatch(l -> l.contains("gateway listening"));
        }
    }

    @Test
    void setupWithAnEngineThatAnswersUsesItAndExitsZero() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();

        try (SluiceProcess setup = SluiceProcess.start(env(), home, "setup", "--no-engine-setup")) {
            assertThat(setup.awaitExit(EXIT_TIMEOUT)).isZero();
            assertThat(setup.output()).containsExactly("using the Docker engine at " + docker.host());
        }
    }

    private SluiceProcess up() throws Exception {
        return SluiceProcess.start(env(), TestFunctions.samples().getParent(), "up", "-p", "0");
    }

    private Map<String, String> env() {
        return Map.of("SLUICE_HOME", home.toString());
    }

    /** Returns the containers labelled with this test's state directory, as Docker lists them. */
    private List<String> ours(DockerContainerRuntime docker) {
        return docker.containersLabelled(Labels.HOME, Home.labelOf(home));
    }

    private HttpResponse<String> invokeHello(URI base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invoke/hello"))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("world"))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
