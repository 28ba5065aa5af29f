package dev.sluice.gateway.cli;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells which lines of a log window are new, per instance, for {@code sluice logs -f}. Each poll returns the last lines
 * of each instance's log (a window); the lines printed before are found at the window's start, and what follows them is
 * new.
 *
 * <p>Worked example: the last window of {@code hello-1} was {@code [a, b, c]}; the next is {@code [b, c, d, e]}. The
 * latest position where the old window's end lines up is after {@code c} ({@code [b, c]} matches the old {@code [b,
 * c]}), so {@code [d, e]} are new. If nothing lines up (more lines were written than a window holds), the whole window
 * is new. Identical lines are ambiguous: a line repeated exactly at the window's edge may be taken as already printed.
 */
final class LogFollower {
    /** The last window seen of each instance. */
    private final Map<String, List<String>> seen = new HashMap<>();

    /** Returns the lines of {@code window} not seen before for {@code instance}, and remembers the window. */
    List<String> newLines(String instance, List<String> window) {
        List<String> before = seen.put(instance, List.copyOf(window));
        if (before == null || before.isEmpty()) {
            return window;
        }
        return window.subList(seenUpTo(before, window), window.size());
    }

    /** Forgets instances that are gone, so that their windows are not kept. */
    void retainOnly(Collection<String> instances) {
        seen.keySet().retainAll(instances);
    }

    /**
     * Returns the end of the last line of {@code window} that was already in {@code before}: the largest {@code end}
     * such that the {@code min(end, before.size())} lines before it are the last lines of {@code before}; 0 if none.
     */
    private static int seenUpTo(List<String> before, List<String> window) {
        for (int end = window.size(); end > 0; end--) {
            int overlap = Math.min(end, before.size());
            if (window.subList(end - overlap, end).equals(before.subList(before.size() - overlap, before.size()))) {
                return end;
            }
        }
        return 0;
    }
}
