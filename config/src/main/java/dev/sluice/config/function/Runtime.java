package dev.sluice.config.function;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A language runtime a function's code runs on. Only {@code java17} exists so far; {@code nodejs20} and {@code
 * custom-container} are planned.
 *
 * <p>The name shadows {@link java.lang.Runtime} inside this package, on purpose: it is the word users write.
 */
@SuppressWarnings("JavaLangClash")
public enum Runtime {
    /** Java 17, running FC Java handlers ({@code package.Class::method}). */
    JAVA17("java17");

    private final String id;

    Runtime(String id) {
        this.id = id;
    }

    /** Returns the id written in {@code functions.yml}, e.g. {@code java17}. */
    public String id() {
        return id;
    }

    /** Returns the runtime whose id is exactly {@code id}, or empty if there is none. */
    public static Optional<Runtime> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /** Returns every id, comma-separated, for messages: {@code java17}. */
    public static String ids() {
        return Arrays.stream(values()).map(Runtime::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
