package dev.sluice.scheduler.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;

/**
 * Writes the {@code rootfs/} of a {@code FROM scratch} Java image: a JRE linked by {@code jlink} from the host JDK
 * under {@code /opt/java}, plus every host shared library that its binaries link against (found with {@code ldd}),
 * at the same paths. This is how the image is made without any registry.
 */
final class JavaImageContext {
    /** Bumped when the layout written here changes, so that existing images are rebuilt. */
    static final String LAYOUT_VERSION = "1";

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
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new ImageBuildException("this JDK has no jlink tool; run Sluice on a full JDK 17"));
        StringWriter out = new StringWriter();
        int status;
        try (PrintWriter writer = new PrintWriter(out)) {
            status = jlink.run(
                    writer,
                    writer,
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
        }
        if (status != 0) {
            throw new ImageBuildException(
                    "jlink failed (status " + status + "): " + out.toString().strip());
        }
    }
}
