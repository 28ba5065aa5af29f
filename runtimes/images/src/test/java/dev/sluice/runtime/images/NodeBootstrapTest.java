package dev.sluice.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Node.js bootstrap's own test suite ({@code runtimes/nodejs/test}, Node's built-in runner) as part of the
 * build, so that {@code mvn verify} covers the runtime that ships in the nodejs20 image.
 */
class NodeBootstrapTest {
    /** Surefire runs in this module's directory; the runtime is its sibling. */
    private static final Path TESTS =
            Path.of("").toAbsolutePath().resolveSibling("nodejs").resolve("test");

    @Test
    void theNodeRuntimesOwnTestsPass() throws IOException, InterruptedException {
        Process node = new ProcessBuilder("node", "--test", TESTS.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = node.waitFor(5, TimeUnit.MINUTES);

        assertThat(ended).as("node --test ended").isTrue();
        assertThat(node.exitValue())
                .as("node --test %s said:%n%s", TESTS, output)
                .isZero();
        assertThat(output).contains("# fail 0");
    }
}
