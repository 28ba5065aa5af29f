package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the {@code rootfs/} of the custom runtime's {@code FROM scratch} base image: each program of {@code
 * tools.txt} found on this machine's {@code PATH} (shells, core utilities, {@code node}), at {@code /usr/bin} (and
 * the shells at {@code /bin} too, where scripts' {@code #!} lines look), with the host libraries they link against.
 * No registry. A missing shell is an error; other missing tools are left out.
 */
final class CustomImageContext {
    private static final List<String> REQUIRED = List.of("sh", "bash");

    private final List<Path> tools;

    private CustomImageContext(List<Path> tools) {
        this.tools = tools;
    }

    /** Returns the context for the {@code tools} (names) as found on {@code env}'s {@code PATH}. */
    static CustomImageContext find(List<String> tools, Map<String, String> env) {
        List<Path> found = new ArrayList<>();
        for (String tool : tools) {
            Path path = HostPrograms.onPath(tool, env);
            if (path == null && REQUIRED.contains(tool)) {
                throw new ImageBuildException("the custom runtime's image needs " + tool + " from this machine, and"
                        + " there is none on PATH; install it (e.g. `apt-get install " + tool + "`)");
            }
            if (path != null) {
                found.add(path);
            }
        }
        return new CustomImageContext(found);
    }

    /** Feeds what makes the image what it is into {@code digest}: each tool's name, real path and size. */
    void hash(MessageDigest digest) throws IOException {
        for (Path tool : tools) {
            Path real = tool.toRealPath();
            digest.update(
                    (tool.getFileName() + " " + real + " " + Files.size(real) + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    void write(Path context) throws IOException {
        Path rootfs = context.resolve("rootfs");
        TreeSet<String> libraries = new TreeSet<>();
        for (Path tool : tools) {
            Path real = tool.toRealPath();
            String name = String.valueOf(tool.getFileName());
            copy(real, rootfs.resolve("usr/bin").resolve(name));
            if (REQUIRED.contains(name)) {
                copy(real, rootfs.resolve("bin").resolve(name));
            }
            libraries.addAll(HostLibraries.neededBy(real));
        }
        HostLibraries.copyInto(rootfs, libraries);
        HostLibraries.writeBaseLayout(rootfs);
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
    }
}
