package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A gateway path that invokes a function with the HTTP request passed through unchanged (FC's HTTP trigger).
 *
 * @param path the URL path, starting with {@code /}, e.g. {@code /api/rule}
 * @param methods the HTTP methods that trigger, upper-case, a non-empty subset of {@link #ALL_METHODS}; kept in the
 *     order of {@link #ALL_METHODS}
 * @param mounted whether the function is mounted at {@code path} and sees the rest of the path only (as through FC's
 *     proxy URL: {@code /hello/api/x} reaches it as {@code /api/x}), rather than the path unchanged
 * @param asEvent whether a call reaches the function as FC 3.0's HTTP event (a JSON document given to its event
 *     handler, whose answer object becomes the response) rather than as the HTTP request itself
 * @param qualifier the version ({@code 2}) or alias ({@code prod}) its calls run, or null for what is deployed
 *     ({@code LATEST})
 */
public record HttpTrigger(
        String path, Set<String> methods, boolean mounted, boolean asEvent, @Nullable String qualifier) {

    /** Every method a trigger may accept, in canonical order; also the default. */
    public static final Set<String> ALL_METHODS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS")));

    /** Checks the components and orders the methods canonically. */
    public HttpTrigger {
        requireNonNull(path, "path");
        requireNonNull(methods, "methods");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path: \"" + path + "\" (expected: starts with /)");
        }
        if (methods.isEmpty() || !ALL_METHODS.containsAll(methods)) {
            throw new IllegalArgumentException(
                    "methods: " + methods + " (expected: a non-empty subset of " + ALL_METHODS + ")");
        }
        if ("LATEST".equals(qualifier)) {
            qualifier = null;
        }
        Set<String> ordered = new LinkedHashSet<>(ALL_METHODS);
        ordered.retainAll(methods);
        methods = Collections.unmodifiableSet(ordered);
    }

    /** Returns a trigger of what is deployed (LATEST). */
    public HttpTrigger(String path, Set<String> methods, boolean mounted, boolean asEvent) {
        this(path, methods, mounted, asEvent, null);
    }

    /** Returns this trigger running {@code qualifier}'s version (null or LATEST: what is deployed). */
    public HttpTrigger withQualifier(@Nullable String qualifier) {
        return new HttpTrigger(path, methods, mounted, asEvent, qualifier);
    }

    /** Returns a trigger on {@code path} for {@code methods} that passes the path unchanged. */
    public HttpTrigger(String path, Set<String> methods) {
        this(path, methods, false, false);
    }

    /** Returns a trigger on {@code path} for every method. */
    public static HttpTrigger of(String path) {
        return new HttpTrigger(path, ALL_METHODS);
    }

    /** Returns whether {@code method} (upper-case, e.g. {@code GET}) triggers the function. */
    public boolean accepts(String method) {
        return methods.contains(method);
    }
}
