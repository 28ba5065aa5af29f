package dev.sluice.scheduler.api;

import static java.util.Objects.requireNonNull;

import dev.sluice.config.function.FunctionSpec;

/**
 * What one call runs: a version of a function, and the qualifier the caller named it by. A call that names no
 * qualifier runs {@link #LATEST}, what is deployed now; one that names a version runs that version; one that names an
 * alias runs the version the alias's split picked for it.
 *
 * @param function the spec of the version that runs
 * @param version {@link #LATEST} or a published version's id, e.g. {@code 2}
 * @param qualifier what the caller asked for: {@link #LATEST}, a version's id or an alias's name
 */
public record CallTarget(FunctionSpec function, String version, String qualifier) {
    /** The version that is what is deployed now, and the qualifier of a call that names none. */
    public static final String LATEST = "LATEST";

    public CallTarget {
        requireNonNull(function, "function");
        requireNonNull(version, "version");
        requireNonNull(qualifier, "qualifier");
    }

    /** Returns the target of an unqualified call of {@code function}, as deployed now. */
    public static CallTarget latest(FunctionSpec function) {
        return new CallTarget(function, LATEST, LATEST);
    }

    /** Returns the function's name. */
    public String name() {
        return function.name();
    }
}
