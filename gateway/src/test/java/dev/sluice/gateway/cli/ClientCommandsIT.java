package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice deploy}, {@code ls}, {@code invoke}, {@code logs}, {@code rm} and {@code top}, run in this JVM as a
 * user types them, against a real gateway on real Docker.
 */
class ClientCommandsIT {
    @TempDir
    Path dir;

    private LocalSluice sluice;
    private Map<String, String> env;

    @BeforeEach
    void start() throws Exception {
        sluice = LocalSluice.deploy(document("echo", "Echo"), dir);
        // LocalSluice's admin token, where `sluice up` would keep it.
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("admin-token"), "test-token\n", StandardCharsets.UTF_8);
        env = Map.of("SLUICE_HOME", home.toString());
    }

    @AfterEach
    void stop() throws Exception {
        assertThat(sluice.closeAndRemaining()).isEmpty();
    }

    @Test
    void deployListInvokeReadLogsAndRemoveAFunction() throws Exception {
        Path file = Files.writeString(dir.resolve("functions.yml"), document("logger", "LogsEvent"));

        CommandRun deploy = sluice("deploy", "-f", file.toString());
        assertThat(deploy.status).as(deploy.toString()).isZero();
        assertThat(deploy.out).contains("deployed " + file).contains(": logger\n");

        CommandRun ls = sluice("ls");
        assertThat(ls.out).contains("logger    java17").doesNotContain("echo");

        CommandRun invoke = sluice("invoke", "logger", "-d", "hello from the CLI");
        assertThat(invoke.status).as(invoke.toString()).isZero();
        assertThat(invoke.out).isEqualTo("hello from the CLI");

        CommandRun logs = sluice("logs", "logger", "--tail", "50");
        assertThat(logs.status).as(logs.toString()).isZero();
        assertThat(logs.out).containsPattern("(?m)^logger-1 \\| .*event: hello from the CLI$");

        CommandRun rm = sluice("rm", "logger");
        assertThat(rm.status).as(rm.toString()).isZero();
        assertThat(sluice("ls").out).isEqualTo("no functions deployed\n");
        CommandRun gone = sluice("invoke", "logger", "-d", "anyone?");
        assertThat(gone.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(gone.err).startsWith("FunctionNotFound: function \"logger\" is not deployed");
        assertThat(sluice.awaitContainers(0)).isEmpty();
    }

    @Test
    void topShowsEachFunctionsInstancesSlotsAndFormulaInItsPlainMode() throws Exception {
        assertThat(sluice("invoke", "echo", "-d", "warm it").status).isZero();

        CommandRun top = sluice("top", "--once", "--plain");

        assertThat(top.status).as(top.toString()).isZero();
        assertThat(top.out)
                .contains("echo")
                .containsPattern("ceil\\(\\(\\d+ \\+ \\d+\\) / 1\\) = \\d+")
                .containsPattern("echo-1 +READY")
                .contains("invocations ok 1, error 0")
                .doesNotContain("\u001b[");
    }

    @Test
    void aBadDocumentExits2WithEachProblemAtItsLineAndColumnAndChangesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yml"), document("logger", "LogsEvent") + "    memory: lots\n");

        CommandRun deploy = sluice("deploy", "-f", file.toString());

        assertThat(deploy.status).isEqualTo(Main.EXIT_BAD_INPUT);
        assertThat(deploy.err)
                .startsWith(file + ":6:13: functions.logger.memory: \"lots\" is not a size")
                .endsWith("1 problem; nothing was deployed.\n");
        assertThat(sluice("invoke", "echo", "-d", "untouched").out).isEqualTo("untouched");
    }

    @Test
    void removingAnUnknownFunctionExits1AndSaysSo() {
        CommandRun rm = sluice("rm", "nope");

        assertThat(rm.status).isEqualTo(Main.EXIT_FAILURE);
        assertThat(rm.err).startsWith("sluice rm: FunctionNotFound: function \"nope\" is not deployed");
        assertThat(sluice("ls").out).contains("echo");
    }

    private CommandRun sluice(String... args) {
        String[] withUrl = Arrays.copyOf(args, args.length + 2);
        withUrl[args.length] = "--url";
        withUrl[args.length + 1] = sluice.base().toString();
        return CommandRun.of(env, dir, "", withUrl);
    }

    private static String document(String name, String handlerClass) {
        return "functions:\n  " + name + ":\n    runtime: java17\n    code: " + TestFunctions.jar() + "\n"
                + "    handler: dev.sluice.testing.functions." + handlerClass + "::handleRequest\n";
    }
}
