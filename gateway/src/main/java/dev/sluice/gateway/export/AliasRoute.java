package dev.sluice.gateway.export;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One alias of a function as the export sees it: the version it points to and the share of its calls it sends to
 * other versions (FC's {@code additionalVersionWeight}, in whole percent).
 *
 * @param name the alias name, e.g. {@code prod}; becomes the Knative traffic tag
 * @param versionId the version the alias points to, e.g. {@code 3}
 * @param additionalWeightsPercent other versions to the percent of the alias's calls each takes, in order; the
 *     alias's own version takes the rest; unmodifiable
 */
public record AliasRoute(String name, String versionId, Map<String, Integer> additionalWeightsPercent) {

    /** Checks the weights: each 1..99, all together below 100, none for the alias's own version. */
    public AliasRoute {
        requireNonNull(name, "name");
        requireNonNull(versionId, "versionId");
        additionalWeightsPercent = Collections.unmodifiableMap(new LinkedHashMap<>(additionalWeightsPercent));
        int total = 0;
        for (Map.Entry<String, Integer> weight : additionalWeightsPercent.entrySet()) {
            int percent = weight.getValue();
            if (percent < 1 || percent > 99) {
                throw new IllegalArgumentException("alias " + name + ": version " + weight.getKey() + " weight "
                        + percent + "% (expected: 1..99)");
            }
            if (weight.getKey().equals(versionId)) {
                throw new IllegalArgumentException("alias " + name + ": version " + versionId
                        + " is the alias's own version (expected: only other versions in additional weights)");
            }
            total += percent;
        }
        if (total >= 100) {
            throw new IllegalArgumentException("alias " + name + ": additional weights add up to " + total
                    + "% (expected: < 100, the rest goes to version " + versionId + ")");
        }
    }

    /** Returns the alias pointing at {@code versionId} alone. */
    public static AliasRoute of(String name, String versionId) {
        return new AliasRoute(name, versionId, Map.of());
    }

    /** Returns the percent of the alias's calls its own version takes. */
    public int ownPercent() {
        int others = 0;
        for (int percent : additionalWeightsPercent.values()) {
            others += percent;
        }
        return 100 - others;
    }
}
