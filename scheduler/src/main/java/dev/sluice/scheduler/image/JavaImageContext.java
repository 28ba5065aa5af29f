package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes the {@code rootfs/} of a {@code FROM scratch} Java image: a JRE linked by {@code jlink} from the host JDK
 * under {@code /opt/java}, plus every host shared library that its binaries link against (found with {@code ldd}),
 * at the same paths. This is how the image is made without any registry.
 */
final class JavaImageContext {
    /** Bumped when the layout written here changes, so that existing images are rebuilt. */
    static final String LAYOUT_VERSION = "2";

    private final Path javaHome;
    private final List<String> modules;

    JavaImageContext(Path javaHome, List<String> modules) {
        this.javaHome = javaHome;
        this.modules = List.copyOf(modules);
    }

    void write(Path context) throws IOException {
        Path rootfs = context.resolve("rootfs");
        Path jre = rootfs.resolve("opt/java");
        Files.createDirectories(jre.getParent());
        jlink(jre);
        HostLibraries.copyInto(rootfs, HostLibraries.neededBy(jre));
        HostLibraries.writeBaseLayout(rootfs);
    }

    private void jlink(Path output) {
        Path jmods = javaHome.resolve("jmods");
        if (!Files.isDirectory(jmods)) {
            throw new ImageBuildException("no " + jmods + ": the java17 image is linked from a full JDK 17; install one"
                    + " (e.g. `apt-get install openjdk-17-jdk-headless`) and run Sluice with it");
        }
        Path jlink = javaHome.resolve("bin").resolve("jlink");
        if (!Files.isExecutable(jlink)) {
            throw new ImageBuildException("this JDK has no " + jlink + "; run Sluice on a full JDK 17");
        }
        // A process of its own rather than the in-process tool: its CDS step prints to this process's stdout.
        List<String> command = List.of(
                jlink.toString(),
                "--module-path",
                jmods.toString(),
                "--add-modules",
                String.join(",", modules),
                "--output",
                output.toString(),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--generate-cds-archive");
        String said;
        int status;
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            status = process.waitFor();
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + jlink + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while linking the java17 image's JRE", e);
        }
        if (status != 0) {
            throw new ImageBuildException("jlink failed (status " + status + "): " + said.strip());
        }
    }
}
