package dev.sluice.scheduler.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Writes the {@code rootfs/} of a {@code FROM scratch} Java image: a JRE linked by {@code jlink} from the host JDK
 * under {@code /opt/java}, plus every host shared library that its binaries link against (found with {@code ldd}),
 * at the same paths. This is how the image is made without any registry.
 */
final class JavaImageContext {
    /** Bumped when the layout written here changes, so that existing images are rebuilt. */
    static final String LAYOUT_VERSION = "1";

    private static final Pattern LDD_PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");
    private static final Pattern LDD_MISSING = Pattern.compile("^\\s*(\\S+)\\s+=>\\s+not found");

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
        for (String library : sharedLibraries(jre)) {
            Path target = rootfs.resolve(library.substring(1));
            Files.createDirectories(target.getParent());
            Files.copy(Path.of(library), target);
        }
        Files.createDirectories(rootfs.resolve("tmp"));
        Files.createDirectories(rootfs.resolve("code"));
        Path etc = Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(
                etc.resolve("passwd"),
                "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/tmp:/sbin/nologin\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\nnogroup:x:65534:\n");
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

    /** Returns the absolute host paths of the libraries the JRE's binaries need, outside the JRE itself. */
    private static Set<String> sharedLibraries(Path jre) throws IOException {
        Set<String> libraries = new TreeSet<>();
        List<Path> binaries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(jre)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".so")
                            || p.startsWith(jre.resolve("bin"))
                            || p.endsWith("jspawnhelper"))
                    .forEach(binaries::add);
        }
        for (Path binary : binaries) {
            for (String line : ldd(binary)) {
                Matcher missing = LDD_MISSING.matcher(line);
                if (missing.find()) {
                    if (!existsInside(jre, missing.group(1))) {
                        throw new ImageBuildException(
                                binary + " needs " + missing.group(1) + ", which this host lacks");
                    }
                    continue;
                }
                Matcher m = LDD_PATH.matcher(line);
                if (m.find() && !Path.of(m.group(1)).startsWith(jre)) {
                    libraries.add(m.group(1));
                }
            }
        }
        return libraries;
    }

    private static boolean existsInside(Path jre, String name) throws IOException {
        try (Stream<Path> files = Files.walk(jre)) {
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
