package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.fc.runtime.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds function code for tests the way users ship it: classes compiled against fc-java-core, loose in a directory
 * or packed in jars. Sources are compiled at test time, so the runtime's tests need no prebuilt function module.
 */
final class FunctionSources {
    private FunctionSources() {}

    /**
     * Compiles {@code sources} (binary class name to source text) against fc-java-core into {@code classesDir} and
     * returns that directory. The sources are written next to it, in {@code <classesDir>-src}, so that a temporary
     * directory holding both is all there is to clean up.
     */
    static Path compile(Path classesDir, Map<String, String> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assertThat(compiler)
                .as("a JDK's compiler (tests must run on a JDK, not a JRE)")
                .isNotNull();
        Path sourceDir = classesDir.resolveSibling(classesDir.getFileName() + "-src");
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path file = sourceDir.resolve(source.getKey().replace('.', '/') + ".java");
            Files.createDirectories(file.getParent());
            Files.writeString(file, source.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        Files.createDirectories(classesDir);
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager fileManager =
                compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8)) {
            Iterable<? extends JavaFileObject> units = fileManager.getJavaFileObjectsFromPaths(files);
            List<String> options = List.of(
                    "--release",
                    "17",
                    "-proc:none",
                    "-classpath",
                    fcJavaCore().toString(),
                    "-d",
                    classesDir.toString());
            Boolean compiled = compiler.getTask(diagnostics, fileManager, null, options, null, units)
                    .call();
            assertThat(compiled)
                    .as("compiling test functions:%n%s", diagnostics)
                    .isTrue();
        }
        return classesDir;
    }

    /** Writes a jar holding {@code entries} (jar path to bytes), creating its directory if needed. */
    static Path jar(Path jarFile, Map<String, byte[]> entries) throws IOException {
        Files.createDirectories(jarFile.getParent());
        try (OutputStream file = Files.newOutputStream(jarFile);
                JarOutputStream jar = new JarOutputStream(file)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                jar.putNextEntry(new JarEntry(entry.getKey()));
                jar.write(entry.getValue());
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    /** Returns the bytes of {@code className}'s class file under {@code classesDir}. */
    static byte[] classFile(Path classesDir, String className) throws IOException {
        return Files.readAllBytes(classesDir.resolve(entryName(className)));
    }

    /** Returns the jar entry name of a class, e.g. {@code fn/Hello.class}. */
    static String entryName(String className) {
        return className.replace('.', '/') + ".class";
    }

    /** Returns the bytes of the runtime's own {@code com/aliyun/fc/runtime/Context.class}. */
    static byte[] runtimeContextClassFile() throws IOException {
        String name = entryName(Context.class.getName());
        try (InputStream in = Context.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " on the test class path").isNotNull();
            return in.readAllBytes();
        }
    }

    /** Returns the fc-java-core jar (or classes directory) the runtime itself was built with. */
    static Path fcJavaCore() {
        try {
            return Path.of(Context.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fc-java-core's location is not a file path", e);
        }
    }
}
