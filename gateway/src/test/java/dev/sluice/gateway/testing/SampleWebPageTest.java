package dev.sluice.gateway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Runs the sample web function's own tests ({@code sample-functions/web/test}, Node's runner) in the build. */
class SampleWebPageTest {
    /** Surefire runs in the gateway module's directory; the samples are beside it. */
    private static final Path TESTS = Path.of("")
            .toAbsolutePath()
            .resolveSibling("sample-functions")
            .resolve("web")
            .resolve("test");

    @Test
    void theWebFunctionsOwnTestsPass() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", TESTS.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(node.waitFor(5, TimeUnit.MINUTES)).as("node --test ended").isTrue();
        assertThat(node.exitValue())
                .as("node --test %s said:%n%s", TESTS, output)
                .isZero();
        assertThat(output).contains("# fail 0");
    }
}
