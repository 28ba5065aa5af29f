package dev.sluice.runtime.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the in-container runtimes' own test suites as part of the build, so that {@code mvn verify} covers what the
 * images ship: the Node.js bootstrap's ({@code runtimes/nodejs/test}, Node's built-in runner) and the Python
 * bootstrap's ({@code runtimes/python/test}, the standard library's unittest).
 */
class BootstrapSuitesTest {
    /** Surefire runs in this module's directory; the runtimes are its siblings. */
    private static final Path RUNTIMES = Path.of("").toAbsolutePath().getParent();

    @Test
    void theNodeRuntimesOwnTestsPass() throws IOException, InterruptedException {
        Path runtime = RUNTIMES.resolve("nodejs");
        String output =
                run(runtime, List.of("node", "--test", runtime.resolve("test").toString()));
        assertThat(output).contains("# fail 0");
    }

    @Test
    void thePythonRuntimesOwnTestsPass() throws IOException, InterruptedException {
        Path runtime = RUNTIMES.resolve("python");
        String output = run(runtime, List.of("python3", "-m", "unittest", "discover", "-s", "test"));
        assertThat(output).contains("\nOK");
    }

    /** Runs {@code command} in {@code directory}; returns what it said, once it has ended with status 0. */
    private static String run(Path directory, List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ended = process.waitFor(5, TimeUnit.MINUTES);

        assertThat(ended).as("%s ended", command).isTrue();
        assertThat(process.exitValue()).as("%s said:%n%s", command, output).isZero();
        return output;
    }
}
