package dev.sluice.scheduler.image;

import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.ImageSource;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.state.Directories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Returns the tag of a runtime's image, building it first when no image with that tag exists. The tag is a hash of
 * every input (the Dockerfile, the bootstrap, the module list and the JDK it is linked from), so an image is rebuilt
 * exactly when one of them changes, and never otherwise.
 *
 * <p>Thread-safe: concurrent callers for the same runtime wait for one build.
 */
public final class RuntimeImages implements ImageSource {
    private static final String RESOURCE_ROOT = "/images/";

    private final ContainerRuntime containers;
    private final Path javaHome;
    /** The {@code node} binary the nodejs20 image is made from, or null when this machine has none. */
    private final @Nullable Path node;
    /** The {@code python3} the python3 image is made from (maybe a launcher), or null when this machine has none. */
    private final @Nullable Path python;

    private final ConcurrentMap<String, String> ready = new ConcurrentHashMap<>();
    private final ConcurrentMap<Runtime, Optional<String>> versions = new ConcurrentHashMap<>();
    /** What {@link #python} runs, asked once: the question starts a process. */
    private volatile PythonImageContext.@Nullable Interpreter interpreter;

    public RuntimeImages(ContainerRuntime containers, Path javaHome, @Nullable Path node, @Nullable Path python) {
        this.containers = containers;
        this.javaHome = javaHome;
        this.node = node;
        this.python = python;
    }

    /**
     * Returns a builder that links the JRE from the JDK running this process and takes {@code node} and {@code
     * python3} from PATH (or {@code SLUICE_NODE}, {@code SLUICE_PYTHON}).
     */
    public static RuntimeImages fromRunningJdk(ContainerRuntime containers) {
        Map<String, String> env = System.getenv();
        return new RuntimeImages(
                containers,
                Path.of(System.getProperty("java.home")),
                NodeImageContext.find(env),
                PythonImageContext.find(env));
    }

    /**
     * Returns the image tag for {@code runtime} (e.g. {@code java17}), building the image if it is missing.
     *
     * @throws ImageBuildException when the image cannot be built, saying why and what to do
     */
    public String ensure(String runtime) {
        return ready.computeIfAbsent(runtime, this::ensureNow);
    }

    @Override
    public String imageFor(Runtime runtime) {
        return ensure(runtime.id());
    }

    /**
     * Returns the version of the language the runtime's image holds: the JDK's ({@code 17.0.13}), node's ({@code
     * v20.19.2}) or Python's ({@code 3.11.7}); null for the custom runtime, or when the machine lacks the language.
     */
    @Override
    public @Nullable String versionOf(Runtime runtime) {
        return versions.computeIfAbsent(runtime, this::askVersion).orElse(null);
    }

    private Optional<String> askVersion(Runtime runtime) {
        try {
            return switch (runtime) {
                case JAVA17 -> Optional.of(jdkVersion());
                case NODEJS20 -> node == null ? Optional.empty() : Optional.of(NodeImageContext.version(node));
                case PYTHON3 -> Optional.of(requirePython().version());
                case CUSTOM, CUSTOM_CONTAINER -> Optional.empty();
            };
        } catch (ImageBuildException e) {
            return Optional.empty(); // the image build says why, where it matters
        }
    }

    /** Returns whether the image of {@code runtime} exists already, so that {@link #ensure} builds nothing. */
    public boolean isBuilt(String runtime) {
        return ready.containsKey(runtime) || containers.hasImage(tag(runtime));
    }

    /** Returns the tag {@link #ensure} would use, without building anything. */
    public String tag(String runtime) {
        return "sluice/" + runtime + ":" + inputsHash(runtime);
    }

    private String ensureNow(String runtime) {
        String tag = tag(runtime);
        if (containers.hasImage(tag)) {
            return tag;
        }
        Path context = null;
        try {
            context = Files.createTempDirectory("sluice-image-");
            writeContext(runtime, context);
            Files.write(context.resolve("Dockerfile"), resource(runtime, "Dockerfile"));
            containers.buildImage(context, tag);
            return tag;
        } catch (IOException e) {
            throw new ImageBuildException("cannot prepare the build of " + tag + ": " + e.getMessage(), e);
        } finally {
            if (context != null) {
                Directories.deleteQuietly(context);
            }
        }
    }

    private void writeContext(String runtime, Path context) throws IOException {
        if (isCustom(runtime)) {
            custom(runtime).write(context);
            return;
        }
        if (isNode(runtime)) {
            new NodeImageContext(requireNode(runtime)).write(context, resource(runtime, "bootstrap.js"));
            return;
        }
        if (isPython(runtime)) {
            new PythonImageContext(requirePython()).write(context, resource(runtime, "bootstrap.py"));
            return;
        }
        requireMatchingJdk(runtime);
        new JavaImageContext(javaHome, modules(runtime)).write(context);
        Path bootstrap = context.resolve("rootfs/opt/sluice/bootstrap.jar");
        Files.createDirectories(bootstrap.getParent());
        Files.write(bootstrap, resource(runtime, "bootstrap.jar"));
    }

    private static boolean isNode(String runtime) {
        return runtime.startsWith("nodejs");
    }

    private static boolean isPython(String runtime) {
        return runtime.equals("python3");
    }

    private static boolean isCustom(String runtime) {
        return runtime.equals("custom");
    }

    /** The custom runtime's base image: this machine's shells, core utilities and node. */
    private static CustomImageContext custom(String runtime) {
        String list = new String(resource(runtime, "tools.txt"), StandardCharsets.UTF_8);
        List<String> tools = list.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
        return CustomImageContext.find(tools, System.getenv());
    }

    /** The node binary for {@code runtime} (e.g. nodejs20 wants a v20). */
    private Path requireNode(String runtime) {
        String wanted = "v" + runtime.substring("nodejs".length()) + ".";
        if (node == null) {
            throw new ImageBuildException("the " + runtime + " image is made from this machine's Node.js, and there is"
                    + " none on PATH; install Node.js " + wanted.substring(1) + "x (e.g. `apt-get install nodejs`) or"
                    + " set SLUICE_NODE=/path/to/node");
        }
        String version = NodeImageContext.version(node);
        if (!version.startsWith(wanted)) {
            throw new ImageBuildException("the " + runtime + " image needs Node.js " + wanted.substring(1) + "x, but "
                    + node + " is " + version + "; set SLUICE_NODE=/path/to/a/node" + wanted.substring(1, 3));
        }
        return node;
    }

    /** The Python 3 the python3 image is made from; said plainly when this machine has none. */
    private PythonImageContext.Interpreter requirePython() {
        PythonImageContext.Interpreter known = interpreter;
        if (known != null) {
            return known;
        }
        if (python == null) {
            throw new ImageBuildException("the python3 image is made from this machine's Python 3, and there is no"
                    + " python3 on PATH; install Python 3." + PythonImageContext.OLDEST_MINOR + " or later (e.g."
                    + " `apt-get install python3`) or set SLUICE_PYTHON=/path/to/python3");
        }
        known = PythonImageContext.probe(python);
        interpreter = known;
        return known;
    }

    private String inputsHash(String runtime) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            if (isCustom(runtime)) {
                digest.update(resource(runtime, "Dockerfile"));
                digest.update(resource(runtime, "tools.txt"));
                custom(runtime).hash(digest);
            } else if (isNode(runtime)) {
                Path binary = requireNode(runtime); // first: the likeliest problem on a new machine
                digest.update(resource(runtime, "Dockerfile"));
                digest.update(resource(runtime, "bootstrap.js"));
                digest.update((binary.toRealPath() + " " + NodeImageContext.version(binary) + " "
                                + Files.size(binary.toRealPath()))
                        .getBytes(StandardCharsets.UTF_8));
            } else if (isPython(runtime)) {
                PythonImageContext.Interpreter interpreter = requirePython();
                digest.update(resource(runtime, "Dockerfile"));
                digest.update(resource(runtime, "bootstrap.py"));
                digest.update((interpreter.executable() + " " + interpreter.version() + " "
                                + Files.size(interpreter.executable()) + " " + interpreter.stdlib())
                        .getBytes(StandardCharsets.UTF_8));
            } else {
                digest.update(resource(runtime, "Dockerfile"));
                digest.update(resource(runtime, "bootstrap.jar"));
                digest.update(String.join(",", modules(runtime)).getBytes(StandardCharsets.UTF_8));
                digest.update(javaHome.toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(javaHome.resolve("release")));
            }
            digest.update(JavaImageContext.LAYOUT_VERSION.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        } catch (IOException e) {
            throw new ImageBuildException(
                    "cannot read the inputs of the " + runtime + " image (" + e.getMessage() + "): the java images are"
                            + " linked from a full JDK 17 (with jmods), not a JRE",
                    e);
        }
    }

    /** A {@code java17} image must hold a Java 17: functions are built and tested against the runtime they name. */
    private void requireMatchingJdk(String runtime) {
        String wanted = runtime.replaceFirst("^java", "");
        String version = jdkVersion();
        if (!version.equals(wanted) && !version.startsWith(wanted + ".")) {
            throw new ImageBuildException("the " + runtime + " image is linked from the JDK that runs Sluice, but that"
                    + " is Java " + version + " (" + javaHome + "); run Sluice with a JDK " + wanted
                    + " (e.g. JAVA_HOME=/usr/lib/jvm/java-" + wanted + "-openjdk-amd64 on Debian)");
        }
    }

    private String jdkVersion() {
        try {
            for (String line : Files.readAllLines(javaHome.resolve("release"), StandardCharsets.UTF_8)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    return line.substring("JAVA_VERSION=".length())
                            .replace("\"", "")
                            .strip();
                }
            }
        } catch (IOException e) {
            throw new ImageBuildException("cannot read " + javaHome.resolve("release") + ": " + e.getMessage(), e);
        }
        throw new ImageBuildException("no JAVA_VERSION in " + javaHome.resolve("release"));
    }

    private static List<String> modules(String runtime) {
        String text = new String(resource(runtime, "modules.txt"), StandardCharsets.UTF_8);
        return text.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static byte[] resource(String runtime, String name) {
        String path = RESOURCE_ROOT + runtime + "/" + name;
        try (InputStream in = RuntimeImages.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new ImageBuildException("no image resource " + path + " for runtime \"" + runtime + "\"");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "RuntimeImages{javaHome=" + Objects.toString(javaHome) + "}";
    }
}
