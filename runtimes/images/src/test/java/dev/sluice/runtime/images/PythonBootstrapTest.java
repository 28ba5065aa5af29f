package dev.sluice.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the Python bootstrap's own test suite ({@code runtimes/python/test}, the standard library's unittest) as part
 * of the build, so that {@code mvn verify} covers the runtime that the python3 image is to ship.
 */
class PythonBootstrapTest {
    /** Surefire runs in this module's directory; the runtime is its sibling. */
    private static final Path RUNTIME = Path.of("").toAbsolutePath().resolveSibling("python");

    @Test
    void thePythonRuntimesOwnTestsPass() throws IOException, InterruptedException {
        Process python = new ProcessBuilder(
                        "python3",
                        "-m",
                        "unittest",
                        "discover",
                        "-s",
                        RUNTIME.resolve("test").toString())
                .directory(RUNTIME.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = python.waitFor(5, TimeUnit.MINUTES);

        assertThat(ended).as("python3 -m unittest ended").isTrue();
        assertThat(python.exitValue())
                .as("python3 -m unittest in %s said:%n%s", RUNTIME, output)
                .isZero();
        assertThat(output).contains("\nOK");
    }
}
