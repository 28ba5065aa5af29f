package dev.sluice.scheduler.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A name for a version of a function, optionally sending a share of its calls to other versions: a gray release
 * (FC's {@code alias} with {@code additionalVersionWeight}).
 *
 * @param function the function's name
 * @param name the alias, e.g. {@code prod}
 * @param version the version that takes the calls the other versions do not
 * @param weights the other versions and the share of the alias's calls each takes, from 0 to 1 (0.1 is 10 %); their
 *     sum is below 1; unmodifiable, in the order given
 * @param description what its author said of it, possibly empty
 * @param updatedAt when it was set last
 */
public record Alias(
        String function,
        String name,
        String version,
        Map<String, Double> weights,
        String description,
        Instant updatedAt) {
    public Alias {
        requireNonNull(function, "function");
        requireNonNull(name, "name");
        requireNonNull(version, "version");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        requireNonNull(description, "description");
        requireNonNull(updatedAt, "updatedAt");
    }

    /** Returns the share of the alias's calls {@link #version} takes: what the other versions leave. */
    public double mainWeight() {
        double rest = 1;
        for (double weight : weights.values()) {
            rest -= weight;
        }
        return rest;
    }
}
