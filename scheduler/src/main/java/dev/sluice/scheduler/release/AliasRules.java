package dev.sluice.scheduler.release;

import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.ReleaseException;
import dev.sluice.scheduler.api.UnknownQualifierException;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** What an alias may be: FC's rules for its name, versions that exist, weights that add up. */
final class AliasRules {
    /** FC's alias names: a letter, then letters, digits, {@code _} and {@code -}, 128 at most. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,127}");

    private AliasRules() {}

    /** Returns whether {@code qualifier} names a version (digits) rather than an alias. */
    static boolean isVersionId(String qualifier) {
        if (qualifier.isEmpty()) {
            return false;
        }
        for (int i = 0; i < qualifier.length(); i++) {
            char c = qualifier.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks an alias of {@code function} before it is set.
     *
     * @throws ReleaseException for a bad name or weight
     * @throws UnknownQualifierException for a version that does not exist
     */
    static void check(String function, String name, String version, Map<String, Double> weights, Set<String> versions) {
        if (!NAME.matcher(name).matches() || name.equals(CallTarget.LATEST)) {
            throw invalid("alias name \"" + name + "\": expected a letter, then letters, digits, _ or -, 128 at most,"
                    + " and not LATEST (e.g. prod, gray_2)");
        }
        if (!versions.contains(version)) {
            throw UnknownQualifierException.version(function, version);
        }
        int total = 0;
        for (Map.Entry<String, Double> weight : weights.entrySet()) {
            String other = weight.getKey();
            double share = weight.getValue();
            if (other.equals(version)) {
                throw invalid("alias \"" + name + "\" gives version " + other + " a weight, but it is the alias's own"
                        + " version, which takes what the others leave; weigh other versions only");
            }
            if (!versions.contains(other)) {
                throw UnknownQualifierException.version(function, other);
            }
            if (!(share >= 0 && share <= 1)) {
                throw invalid("alias \"" + name + "\" gives version " + other + " the weight " + share + ": expected"
                        + " a share from 0 to 1 (0.1 or 10% sends it a tenth of the calls)");
            }
            total += TrafficSplit.units(share);
        }
        if (total > TrafficSplit.WHOLE) {
            throw invalid("alias \"" + name + "\" gives other versions " + (total / 100.0) + "% of its calls in all:"
                    + " expected 100% at most, the rest going to version " + version);
        }
    }

    private static ReleaseException invalid(String message) {
        return new ReleaseException(FcError.INVALID_ARGUMENT, message);
    }
}
