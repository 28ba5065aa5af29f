package dev.sluice.gateway.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the function jars built by this reactor are, as failsafe passes them in. */
public final class TestFunctions {
    private TestFunctions() {}

    /** Returns the jar of misbehaving test functions ({@code dev.sluice.testing.functions}). */
    public static Path jar() {
        return existing(Path.of(property("sluice.test.functionsJar")));
    }

    /** Returns the sample functions directory, holding {@code functions.yml}. */
    public static Path samples() {
        return existing(Path.of(property("sluice.test.samplesDir")));
    }

    /** Returns the directory of Node.js test functions, one directory each ({@code event}, {@code http}). */
    public static Path nodeFunctions() {
        return existing(Path.of(property("sluice.test.nodeFunctionsDir")));
    }

    /** Returns the directory of the Python test functions ({@code testing/python}), one directory per function. */
    public static Path pythonFunctions() {
        return existing(Path.of(property("sluice.test.pythonFunctionsDir")));
    }

    /** Returns the gateway's own runnable jar ({@code gateway/target/sluice.jar}). */
    public static Path gatewayJar() {
        return existing(Path.of(property("sluice.test.gatewayJar")));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException(
                    "system property " + name + " is not set: run the *IT tests with" + " `mvn verify`, which sets it");
        }
        return value;
    }

    private static Path existing(Path path) {
        if (!Files.exists(path)) {
            throw new IllegalStateException(path + " does not exist: run `mvn verify` from the repository root");
        }
        return path.toAbsolutePath().normalize();
    }
}
