package dev.sluice.runtime.java;

import static dev.sluice.runtime.java.FunctionSources.classFile;
import static dev.sluice.runtime.java.FunctionSources.entryName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The code directory built here is what a user's deployment looks like: the handler's classes loose in the
 * directory, a fat jar that bundles its own fc-java-core ({@code Context} included), and a library in {@code lib/}.
 */
class FunctionClassLoaderTest {
    private static final String HANDLER = "fn.Hello";
    private static final String LIBRARY = "fn.lib.Helper";
    private static final String BUNDLED_HANDLER = "fn.Bundled";
    /** In the fc-java-core package, but not a class the runtime has: only the function's jar does. */
    private static final String API_PACKAGE_EXTRA = "com.aliyun.fc.runtime.sluicetest.Extra";

    private static final ClassLoader RUNTIME = FunctionClassLoaderTest.class.getClassLoader();

    @TempDir
    static Path temp;

    static Path classes;
    static Path code;
    static Path fatJar;
    static Path libJar;

    @BeforeAll
    static void buildFunctionCode() throws IOException {
        classes = FunctionSources.compile(
                temp.resolve("classes"),
                Map.of(
                        HANDLER,
                        handlerSource("Hello"),
                        BUNDLED_HANDLER,
                        handlerSource("Bundled"),
                        LIBRARY,
                        "package fn.lib; public class Helper { public static String help() { return \"ok\"; } }",
                        API_PACKAGE_EXTRA,
                        "package com.aliyun.fc.runtime.sluicetest; public class Extra {}"));
        code = Files.createDirectories(temp.resolve("code"));
        Files.createDirectories(code.resolve("fn"));
        Files.write(code.resolve(entryName(HANDLER)), classFile(classes, HANDLER));
        fatJar = FunctionSources.jar(
                code.resolve("function-with-fc-java-core.jar"),
                Map.of(
                        entryName(Context.class.getName()), FunctionSources.runtimeContextClassFile(),
                        entryName(BUNDLED_HANDLER), classFile(classes, BUNDLED_HANDLER),
                        entryName(API_PACKAGE_EXTRA), classFile(classes, API_PACKAGE_EXTRA)));
        libJar = FunctionSources.jar(
                code.resolve("lib/helper.jar"), Map.of(entryName(LIBRARY), classFile(classes, LIBRARY)));
    }

    private static String handlerSource(String simpleName) {
        return """
                package fn;

                import com.aliyun.fc.runtime.Context;
                import com.aliyun.fc.runtime.StreamRequestHandler;
                import java.io.InputStream;
                import java.io.OutputStream;

                public class %s implements StreamRequestHandler {
                    @Override
                    public void handleRequest(InputStream in, OutputStream out, Context context) {}
                }
                """
                .replace("%s", simpleName);
    }

    @Test
    void theFixtureJarReallyBundlesItsOwnContext() throws Exception {
        try (URLClassLoader jarAlone =
                new URLClassLoader(new URL[] {fatJar.toUri().toURL()}, null)) {
            Class<?> bundled = jarAlone.loadClass(Context.class.getName());

            assertThat(bundled).isNotSameAs(Context.class);
            assertThat(bundled.getName()).isEqualTo(Context.class.getName());
        }
    }

    @Test
    void contextIsTheRuntimesClassEvenWhenTheFunctionBundlesItsOwn() throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            assertThat(loader.loadClass(Context.class.getName())).isSameAs(Context.class);
            assertThat(Class.forName(StreamRequestHandler.class.getName(), true, loader))
                    .isSameAs(StreamRequestHandler.class);
        }
    }

    @Test
    void aHandlerFromABundlingJarImplementsTheRuntimesInterfaceAndTakesTheRuntimesContext() throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            Class<?> handler = Class.forName(BUNDLED_HANDLER, true, loader);

            assertThat(handler.getClassLoader()).isSameAs(loader);
            assertThat(StreamRequestHandler.class).isAssignableFrom(handler);
            assertThat(handler.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class))
                    .isNotNull();
        }
    }

    @Test
    void functionClassesComeFromTheFunctionsDirectoryAndJars() throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            Class<?> handler = loader.loadClass(HANDLER);
            Class<?> library = loader.loadClass(LIBRARY);

            assertThat(handler.getClassLoader()).isSameAs(loader);
            assertThat(location(handler)).isEqualTo(code);
            assertThat(library.getClassLoader()).isSameAs(loader);
            assertThat(location(library)).isEqualTo(libJar);
            assertThat(library.getMethod("help").invoke(null)).isEqualTo("ok");
        }
    }

    @Test
    void aClassInTheApiPackageThatTheRuntimeLacksIsFoundInTheFunctionsJar() throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            Class<?> extra = loader.loadClass(API_PACKAGE_EXTRA);

            assertThat(extra.getClassLoader()).isSameAs(loader);
            assertThat(location(extra)).isEqualTo(fatJar);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "com.fasterxml.jackson.databind.ObjectMapper",
                "com.fasterxml.jackson.core.JsonFactory",
                "dev.sluice.runtime.java.Bootstrap",
                "dev.sluice.runtime.java.FunctionClassLoader",
                "org.jspecify.annotations.Nullable",
                "org.assertj.core.api.Assertions"
            })
    void theRuntimesOwnClassesAreInvisibleToFunctionCode(String runtimeClass) throws Exception {
        assertThat(Class.forName(runtimeClass, false, RUNTIME))
                .as("on the runtime's class path")
                .isNotNull();
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            assertThatThrownBy(() -> Class.forName(runtimeClass, false, loader))
                    .isInstanceOf(ClassNotFoundException.class);
            assertThat(loader.getResource(entryName(runtimeClass))).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.String", "java.sql.DriverManager", "java.net.http.HttpClient"})
    void theJdkIsVisibleToFunctionCode(String jdkClass) throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(code, RUNTIME)) {
            assertThat(loader.loadClass(jdkClass)).isSameAs(Class.forName(jdkClass));
        }
    }

    @Test
    void theDirectoryComesFirstThenItsJarsInNameOrderThenItsLibJars(@TempDir Path dir) throws Exception {
        Map<String, byte[]> which = Map.of("which.txt", "any".getBytes(StandardCharsets.UTF_8));
        Path z = FunctionSources.jar(dir.resolve("z.jar"), which);
        Path a = FunctionSources.jar(dir.resolve("a.jar"), which);
        Path lib = FunctionSources.jar(dir.resolve("lib/0.jar"), which);
        Files.writeString(dir.resolve("notes.txt"), "not a jar", StandardCharsets.UTF_8);

        try (URLClassLoader loader = FunctionClassLoader.create(dir, RUNTIME)) {
            assertThat(loader.getURLs())
                    .containsExactly(
                            dir.toUri().toURL(),
                            a.toUri().toURL(),
                            z.toUri().toURL(),
                            lib.toUri().toURL());
        }
    }

    @Test
    void aSingleJarIsACodePathOfItsOwn() throws Exception {
        try (URLClassLoader loader = FunctionClassLoader.create(libJar, RUNTIME)) {
            assertThat(loader.getURLs()).containsExactly(libJar.toUri().toURL());
            assertThat(location(loader.loadClass(LIBRARY))).isEqualTo(libJar);
        }
    }

    @Test
    void aMissingCodePathIsReportedAsSuch() {
        Path missing = temp.resolve("no-such-code");

        assertThatThrownBy(() -> FunctionClassLoader.create(missing, RUNTIME))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("function code path does not exist");
    }

    private static Path location(Class<?> type) throws Exception {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
