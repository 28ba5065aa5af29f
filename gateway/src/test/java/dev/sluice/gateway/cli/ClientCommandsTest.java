package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client commands' arguments, output and exit status, against a fake gateway. */
class ClientCommandsTest {
    private static final String LIST =
            """
            {"functions": [{"name": "hello", "runtime": "java17", "queued": 2, "instances": [
                {"id": "hello-1", "state": "READY", "slotsInUse": 3, "slots": 10},
                {"id": "hello-2", "state": "STARTING", "slotsInUse": 0, "slots": 10}]},
              {"name": "web", "runtime": "nodejs20", "queued": 0, "instances": []}],
             "services": [{"name": "todo-db", "state": "RUNNING", "endpoint": "127.0.0.1:32886"}],
             "stemCellsReady": 0}
            """;

    @TempDir
    Path home;

    private FakeGateway gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
        Files.createDirectories(home.resolve(".sluice"));
        Files.writeString(home.resolve(".sluice/admin-token"), "s3cret\n", StandardCharsets.UTF_8);
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void findsTheGatewayThroughSluiceHostAndPort() {
        gateway.json("GET", "/system/functions", 200, LIST);
        String port = gateway.url().substring(gateway.url().lastIndexOf(':') + 1);

        CommandRun run = CommandRun.of(Map.of("SLUICE_HOST", "0.0.0.0", "SLUICE_PORT", port), home, "", "ls", "--json");

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo(LIST + "\n");
    }

    @Test
    void lsPrintsFunctionsAndServicesAsTables() {
        gateway.json("GET", "/system/functions", 200, LIST);

        CommandRun run = CommandRun.of(home, "ls", "--url", gateway.url());

        assertThat(run.out)
                .isEqualTo(
                        """
                        FUNCTION  RUNTIME   INSTANCES  IN USE  QUEUED
                        hello     java17    1/2        3/20    2
                        web       nodejs20  0/0        0/0     0

                        SERVICE  STATE    ENDPOINT
                        todo-db  RUNNING  127.0.0.1:32886
                        """);
    }

    @Test
    void deploySendsTheFileWithTheTokenFromSluiceHomeAndNamesWhatIsDeployed() throws Exception {
        gateway.json("PUT", "/system/functions", 200, LIST);
        Path file = Files.writeString(home.resolve("functions.yml"), "functions: {}\n", StandardCharsets.UTF_8);
        Path state = home.resolve(".sluice");

        CommandRun run = CommandRun.of(
                Map.of("SLUICE_HOME", state.toString()),
                home,
                "",
                "deploy",
                "-f",
                file.toString(),
                "--url",
                gateway.url());

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out)
                .isEqualTo("deployed " + file + " to " + gateway.url() + ": hello, web (services: todo-db)\n");
        assertThat(gateway.requests.get(0).header("Authorization")).isEqualTo("Bearer s3cret");
        assertThat(gateway.requests.get(0).body()).isEqualTo("functions: {}\n");
    }

    @Test
    void deployOfABadDocumentPrintsEachProblemAtItsPlaceInTheFileAndExits2() throws Exception {
        gateway.json(
                "PUT",
                "/system/functions",
                400,
                """
                {"errorType": "InvalidArgument", "errorMessage": "request body:7:13: ...",
                 "problems": [{"line": 7, "column": 13, "path": "functions.hello.memory",
                               "message": "\\"512mb\\" is not a size (expected: e.g. 128Mi, 1Gi)"},
                              {"line": 2, "column": 1, "path": "", "message": "not YAML"}]}
                """);
        Path file = Files.writeString(home.resolve("bad.yml"), "x", StandardCharsets.UTF_8);

        CommandRun run = CommandRun.of(home, "deploy", "-f", file.toString(), "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err)
                .isEqualTo(file + ":7:13: functions.hello.memory: \"512mb\" is not a size (expected: e.g. 128Mi, 1Gi)\n"
                        + file + ":2:1: not YAML\n"
                        + "2 problems; nothing was deployed.\n");
    }

    @Test
    void deployWithoutAnAdminTokenSaysWhereItLookedAndExits2() throws Exception {
        Path file = Files.writeString(home.resolve("functions.yml"), "functions: {}\n", StandardCharsets.UTF_8);
        Path missing = home.resolve("nowhere/admin-token");

        CommandRun run = CommandRun.of(
                home, "deploy", "-f", file.toString(), "--token-file", missing.toString(), "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err)
                .startsWith("sluice deploy: no admin token at " + missing + ":")
                .contains("--token-file");
        assertThat(gateway.requests).isEmpty();
    }

    @Test
    void deployThatTheGatewayRefusesIsAFailure() throws Exception {
        gateway.answer(
                "PUT",
                "/system/functions",
                new FakeGateway.Answer(
                        401,
                        "application/json",
                        "{\"errorType\": \"Unauthorized\", \"errorMessage\": \"deploying needs the admin token\"}",
                        Map.of("X-Fc-Error-Type", "Unauthorized")));
        Path file = Files.writeString(home.resolve("functions.yml"), "functions: {}\n", StandardCharsets.UTF_8);

        CommandRun run = CommandRun.of(home, "deploy", "-f", file.toString(), "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err).isEqualTo("sluice deploy: Unauthorized: deploying needs the admin token\n");
    }

    @Test
    void invokeSendsTheDataAndPrintsTheResultUnchanged() {
        gateway.answer(
                "POST", "/invoke/hello", new FakeGateway.Answer(200, "application/octet-stream", "Hi", Map.of()));

        CommandRun run = CommandRun.of(home, "invoke", "hello", "-d", "world", "--url", gateway.url());

        assertThat(run.status).isZero();
        assertThat(run.out).isEqualTo("Hi");
        assertThat(gateway.requests.get(0).body()).isEqualTo("world");
    }

    @Test
    void invokeReadsTheEventFromAFileOrFromStdin() throws Exception {
        gateway.answer("POST", "/invoke/hello", new FakeGateway.Answer(200, "text/plain", "ok", Map.of()));
        Path event = Files.writeString(home.resolve("event.json"), "{\"a\":1}", StandardCharsets.UTF_8);

        CommandRun.of(home, "invoke", "hello", "-d", "@" + event, "--url", gateway.url());
        CommandRun.of(Map.of(), home, "piped in", "invoke", "hello", "--url", gateway.url());
        CommandRun.of(home, "invoke", "hello", "--url", gateway.url());

        assertThat(gateway.requests).extracting(FakeGateway.Request::body).containsExactly("{\"a\":1}", "piped in", "");
    }

    @Test
    void invokeWithAMissingDataFileExits2() {
        CommandRun run = CommandRun.of(home, "invoke", "hello", "-d", "@nope.json", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err).isEqualTo("sluice invoke: -d @nope.json: nope.json not found\n");
    }

    @Test
    void invokePrintsAPlatformErrorAsTypeAndMessageAndExits1() {
        CommandRun run = CommandRun.of(home, "invoke", "nope", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err).isEqualTo("NotFound: no route\n");
        assertThat(run.out).isEmpty();
    }

    @Test
    void invokePrintsAFunctionErrorWithTheFunctionsExceptionAndExits1() {
        gateway.answer(
                "POST",
                "/invoke/calc",
                new FakeGateway.Answer(
                        200,
                        "application/json",
                        "{\"errorMessage\": \"/ by zero\", \"errorType\": \"ArithmeticException\","
                                + " \"stackTrace\": [\"at example.Calc.divide(Calc.java:18)\"]}",
                        Map.of("X-Fc-Error-Type", "UnhandledInvocationError")));

        CommandRun run = CommandRun.of(home, "invoke", "calc", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err)
                .isEqualTo(
                        """
                        UnhandledInvocationError: ArithmeticException: / by zero
                            at example.Calc.divide(Calc.java:18)
                        """);
    }

    @Test
    void rmOfAnUnknownFunctionSaysSoAndExits1() {
        gateway.answer(
                "DELETE",
                "/system/functions/nope",
                new FakeGateway.Answer(
                        404,
                        "application/json",
                        "{\"errorType\": \"FunctionNotFound\", \"errorMessage\": \"function \\\"nope\\\" is not"
                                + " deployed\"}",
                        Map.of("X-Fc-Error-Type", "FunctionNotFound")));

        CommandRun run = CommandRun.of(home, "rm", "nope", "--url", gateway.url());

        assertThat(run.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err).isEqualTo("sluice rm: FunctionNotFound: function \"nope\" is not deployed\n");
        assertThat(gateway.requests.get(0).header("Authorization")).isEqualTo("Bearer s3cret");
    }

    @Test
    void logsPrintsEachLineAfterItsInstance() {
        gateway.answer(
                "GET",
                "/system/functions/hello/logs?tail=5",
                new FakeGateway.Answer(
                        200, "text/plain", "hello-1 | started\nhello-1 | called\nhello-2 | up\n", Map.of()));

        CommandRun run = CommandRun.of(home, "logs", "hello", "--tail", "5", "--url", gateway.url());

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(run.out).isEqualTo("hello-1 | started\nhello-1 | called\nhello-2 | up\n");
    }

    @Test
    void aPortOfZeroLeavesTheGatewayUnknownAndAsksForUrl() {
        CommandRun run = CommandRun.of(Map.of("SLUICE_PORT", "0"), home, "", "ls");

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err).contains("SLUICE_PORT is 0").contains("--url");
    }

    @Test
    void aUsageMistakeExits2AndAnUnknownCommandIsNamed() {
        CommandRun run = CommandRun.of(home, "lls");

        assertThat(run.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(run.err).contains("lls");
    }

    @Test
    void helpListsTheCommandsAndTheExitStatuses() {
        CommandRun run = CommandRun.of(home, "--help");

        assertThat(run.status).isZero();
        assertThat(run.out)
                .contains("deploy", "ls", "invoke", "logs", "rm", "top")
                .contains("4   the gateway is not reachable");
    }
}
