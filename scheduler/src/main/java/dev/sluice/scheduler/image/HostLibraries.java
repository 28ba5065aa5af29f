package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a {@code FROM scratch} image needs from the host besides its program: the shared libraries the program's
 * binaries link against (found with {@code ldd}, copied to the same paths) and a minimal {@code /etc}, {@code /tmp}
 * and {@code /code}.
 */
final class HostLibraries {
    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
    private static final Pattern LDD_MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found");

    private HostLibraries() {}

    /**
     * Returns the absolute host paths of the libraries that the binaries under {@code dir} need, outside {@code dir}
     * itself (a directory) or for the one binary {@code dir} names (a file).
     */
    static Set<String> neededBy(Path dir) throws IOException {
        Set<String> libraries = new TreeSet<>();
        List<Path> binaries = new ArrayList<>();
        if (Files.isRegularFile(dir)) {
            binaries.add(dir);
        } else {
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".so")
                                || p.startsWith(dir.resolve("bin"))
                                || p.endsWith("jspawnhelper"))
                        .forEach(binaries::add);
            }
        }
        for (Path binary : binaries) {
            for (String line : ldd(binary)) {
                Matcher missing = LDD_MISSING.matcher(line);
                if (missing.find()) {
                    if (!existsInside(dir, missing.group(1))) {
                        throw new ImageBuildException(
                                binary + " needs " + missing.group(1) + ", which this host lacks");
                    }
                    continue;
                }
                Matcher m = LDD_PATH.matcher(line);
                if (m.find() && !Path.of(m.group(1)).startsWith(dir)) {
                    libraries.add(m.group(1));
                }
            }
        }
        return libraries;
    }

    /** Copies {@code libraries} into {@code rootfs} at their host paths. */
    static void copyInto(Path rootfs, Set<String> libraries) throws IOException {
        for (String library : libraries) {
            Path target = rootfs.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target);
        }
    }

    /** Writes the directories and the two-line passwd and group files every runtime image has. */
    static void writeBaseLayout(Path rootfs) throws IOException {
        // No /tmp: the container's tmpfs there must keep its own mode (1777), which an image directory would replace.
        Files.createDirectories(rootfs.resolve("code"));
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(
                etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
    }

    private static boolean existsInside(Path dir, String name) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.anyMatch(p -> p.getFileName().toString().equals(name));
        }
    }

    private static List<String> ldd(Path binary) throws IOException {
        Process process = new ProcessBuilder("ldd", binary.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while running ldd on " + binary);
        }
        // "not a dynamic executable" (scripts, static files) exits 1 and lists nothing: nothing to copy.
        return output.lines().toList();
    }
}
