package dev.sluice.runtime.java;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Builds the class loader that function code runs in.
 *
 * <p>Its parent sees only the JDK (the platform class loader) plus, parent-first, the runtime's own
 * {@code com.aliyun.fc.runtime} and {@code javax.servlet} classes. Parent-first matters: function jars often bundle
 * an older fc-java-core, and the handler's {@code Context} parameter must be the very class the runtime implements.
 * Everything else of the runtime (Jackson, this package) stays invisible, so a function's own Jackson never clashes
 * with ours.
 */
final class FunctionClassLoader {
    private FunctionClassLoader() {}

    /**
     * Returns a loader over {@code codePath}: a directory (itself, its {@code *.jar}s and {@code lib/*.jar}s) or one
     * jar or zip file.
     *
     * @throws NoSuchFileException if the code path does not exist
     */
    static URLClassLoader create(Path codePath, ClassLoader runtimeLoader) throws IOException {
        List<URL> urls = new ArrayList<>();
        if (Files.isDirectory(codePath)) {
            urls.add(codePath.toUri().toURL());
            addJars(codePath, urls);
            addJars(codePath.resolve("lib"), urls);
        } else if (Files.isRegularFile(codePath)) {
            urls.add(codePath.toUri().toURL());
        } else {
            throw new NoSuchFileException(codePath.toString(), null, "function code path does not exist");
        }
        // Unnamed on purpose: a named loader prefixes every frame of function code in stack traces and error bodies
        // ("at function//example.App.handleRequest(...)"), where users expect their own class names.
        return new URLClassLoader(urls.toArray(new URL[0]), new ApiFirstLoader(runtimeLoader));
    }

    /** Adds the directory's jars in name order, so class lookup order does not depend on the file system. */
    private static void addJars(Path dir, List<URL> urls) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        // A directory stream rather than Files.list(...).filter(lambda): the first lambda costs a cold start ~20 ms.
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    jars.add(file);
                }
            }
        }
        Collections.sort(jars);
        for (Path jar : jars) {
            urls.add(jar.toUri().toURL());
        }
    }

    /**
     * Sees the JDK, and asks the runtime's loader first for the function API packages. A name the runtime does not
     * have (say, {@code com.aliyun.fc.runtime.event.OSSEvent} from another library) falls through, so the function
     * loader then finds it in the function's own jars.
     */
    static final class ApiFirstLoader extends ClassLoader {
        private static final String[] API_PACKAGES = {"com.aliyun.fc.runtime.", "javax.servlet."};

        static {
            registerAsParallelCapable();
        }

        private final ClassLoader runtimeLoader;

        ApiFirstLoader(ClassLoader runtimeLoader) {
            super("fc-api", ClassLoader.getPlatformClassLoader());
            this.runtimeLoader = runtimeLoader;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (isApi(name)) {
                try {
                    return runtimeLoader.loadClass(name);
                } catch (ClassNotFoundException notOurs) {
                    // not part of the runtime's API: the platform loader, then the function's jars, may have it
                }
            }
            return super.loadClass(name, resolve);
        }

        private static boolean isApi(String name) {
            for (String prefix : API_PACKAGES) {
                if (name.startsWith(prefix)) {
                    return true;
                }
            }
            return false;
        }
    }
}
