package dev.sluice.scheduler.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.function.Runtime;
import dev.sluice.testing.FakeContainerRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeImagesTest {
    @TempDir
    Path javaHome;

    private final FakeContainerRuntime containers = new FakeContainerRuntime();

    @Test
    void theTagIsStableForTheSameInputsAndChangesWithTheJdk() throws IOException {
        release("17.0.15");
        String first = new RuntimeImages(containers, javaHome, null, null).tag("java17");
        String again = new RuntimeImages(containers, javaHome, null, null).tag("java17");
        release("17.0.16");
        String patched = new RuntimeImages(containers, javaHome, null, null).tag("java17");

        assertThat(first).startsWith("sluice/java17:").isEqualTo(again).isNotEqualTo(patched);
    }

    @Test
    void anExistingImageWithTheTagIsUsedWithoutABuild() throws IOException {
        release("17.0.15");
        RuntimeImages images = new RuntimeImages(containers, javaHome, null, null);
        containers.images.add(images.tag("java17"));

        assertThat(images.ensure("java17")).isEqualTo(images.tag("java17"));
        assertThat(containers.builtImages).isEmpty();
    }

    @Test
    void refusesToBuildTheJava17ImageFromAnotherJdk() throws IOException {
        release("21.0.4");
        RuntimeImages images = new RuntimeImages(containers, javaHome, null, null);

        assertThatThrownBy(() -> images.ensure("java17"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("is Java 21.0.4")
                .hasMessageContaining("run Sluice with a JDK 17");
        assertThat(containers.builtImages).isEmpty();
    }

    @Test
    void theNodeImageNeedsANodeOfItsMajorVersion() throws IOException {
        release("17.0.15");
        Path node = Files.writeString(javaHome.resolve("node"), "#!/bin/sh\necho v18.19.0\n");
        node.toFile().setExecutable(true);

        assertThatThrownBy(() -> new RuntimeImages(containers, javaHome, null, null).ensure("nodejs20"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("there is none on PATH")
                .hasMessageContaining("SLUICE_NODE");
        assertThatThrownBy(() -> new RuntimeImages(containers, javaHome, node, null).ensure("nodejs20"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("needs Node.js 20.x, but " + node + " is v18.19.0");
        assertThat(containers.builtImages).isEmpty();
    }

    @Test
    void thePythonImageNeedsAPython3OfAtLeast38AndSaysWhatToInstall() throws IOException {
        Path old = fakePython("3.6.15");

        assertThatThrownBy(() -> new RuntimeImages(containers, javaHome, null, null).ensure("python3"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("there is no python3 on PATH")
                .hasMessageContaining("apt-get install python3")
                .hasMessageContaining("SLUICE_PYTHON");
        assertThatThrownBy(() -> new RuntimeImages(containers, javaHome, null, old).ensure("python3"))
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining(old + " is Python 3.6.15; install Python 3.8 or later");
        assertThat(containers.builtImages).isEmpty();
    }

    @Test
    void thePythonImagesTagFollowsTheInterpreterAndItsVersionIsReported() throws IOException {
        release("17.0.15");
        RuntimeImages images = new RuntimeImages(containers, javaHome, null, fakePython("3.11.7"));
        String first = images.tag("python3");
        String other = new RuntimeImages(containers, javaHome, null, fakePython("3.11.8")).tag("python3");

        assertThat(first).startsWith("sluice/python3:").isNotEqualTo(other);
        assertThat(images.versionOf(Runtime.PYTHON3)).isEqualTo("3.11.7");
        assertThat(images.versionOf(Runtime.JAVA17)).isEqualTo("17.0.15");
        assertThat(images.versionOf(Runtime.NODEJS20))
                .as("no node on this machine")
                .isNull();
    }

    /** A script answering the image builder's questions as a Python {@code version} would, with a real stdlib. */
    private Path fakePython(String version) throws IOException {
        Path stdlib = Files.createDirectories(javaHome.resolve("lib-" + version));
        Files.writeString(stdlib.resolve("os.py"), "");
        Path python = javaHome.resolve("python-" + version);
        Files.writeString(
                python, "#!/bin/sh\nprintf '%s\\n' " + python + " " + version + " " + stdlib + " '' cpython-3\n");
        python.toFile().setExecutable(true);
        return python;
    }

    private void release(String version) throws IOException {
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
}
