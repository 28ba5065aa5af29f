package dev.sluice.config.function;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the key a user most likely meant when they typed an unknown one, for "did you mean" hints.
 *
 * <p>Tried in order: the same key in another case ({@code Timeout}); the Function Compute or Fun name of a key
 * ({@code memorySize}, {@code environmentVariables}); the closest key by edit distance, allowing one edit per three
 * characters, at least one and at most three ({@code timout}, {@code hanlder}, {@code max_instances}); a key the
 * typed text starts ({@code mem}).
 */
final class Suggestions {

    /** Names from FC, Fun's template.yml and other tools, lower-case, mapped to Sluice's key. */
    private static final Map<String, String> ALIASES = Map.of(
            "memorysize", "memory",
            "environmentvariables", "env",
            "environment", "env",
            "concurrency", "instanceConcurrency",
            "codeuri", "code",
            "events", "triggers");

    private Suggestions() {}

    /** Returns the known key closest to {@code typed}, or empty if none is close. */
    static Optional<String> closest(String typed, List<String> known) {
        String lower = typed.toLowerCase(Locale.ROOT);
        for (String key : known) {
            if (key.toLowerCase(Locale.ROOT).equals(lower)) {
                return Optional.of(key);
            }
        }
        String alias = ALIASES.get(lower);
        if (alias != null && known.contains(alias)) {
            return Optional.of(alias);
        }
        int allowed = Math.max(1, Math.min(3, lower.length() / 3));
        String best = null;
        int bestDistance = allowed + 1;
        for (String key : known) {
            int distance = distance(lower, key.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        if (best != null) {
            return Optional.of(best);
        }
        if (lower.length() >= 3) {
            return known.stream()
                    .filter(key -> key.toLowerCase(Locale.ROOT).startsWith(lower))
                    .findFirst();
        }
        return Optional.empty();
    }

    /** Returns the Levenshtein distance: the fewest insertions, deletions and substitutions from a to b. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
