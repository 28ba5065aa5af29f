package dev.sluice.scheduler.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private void release(String version) throws IOException {
        Files.writeString(javaHome.resolve("release"), "IMPLEMENTOR=\"Test\"\nJAVA_VERSION=\"" + version + "\"\n");
    }
}
