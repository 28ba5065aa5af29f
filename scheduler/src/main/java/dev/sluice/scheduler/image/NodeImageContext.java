package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code rootfs/} of a {@code FROM scratch} Node.js image: this machine's {@code node} binary at
 * {@code /usr/bin/node} with the host libraries it links against, and the bootstrap. No registry, no npm.
 */
final class NodeImageContext {
    private final Path node;

    NodeImageContext(Path node) {
        this.node = node;
    }

    /** Returns the {@code node} to build from: {@code SLUICE_NODE} if set, else the first on {@code PATH}, or null. */
    static @Nullable Path find(Map<String, String> env) {
        String configured = env.get("SLUICE_NODE");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return HostPrograms.onPath("node", env);
    }

    /** Returns what {@code node --version} prints, e.g. {@code v20.20.2}. */
    static String version(Path node) {
        return HostPrograms.output(node, "its version", "--version");
    }

    void write(Path context, byte[] bootstrap) throws IOException {
        Path rootfs = context.resolve("rootfs");
        Path binary = rootfs.resolve("usr/bin/node");
        Files.createDirectories(binary.getParent());
        Path real = node.toRealPath();
        Files.copy(real, binary, StandardCopyOption.COPY_ATTRIBUTES);
        HostLibraries.copyInto(rootfs, HostLibraries.neededBy(real));
        HostLibraries.writeBaseLayout(rootfs);
        Path script = rootfs.resolve("opt/sluice/bootstrap.js");
        Files.createDirectories(script.getParent());
        Files.write(script, bootstrap);
    }
}
