package dev.sluice.config.function;

import dev.sluice.config.source.YamlNode;

/**
 * Reads {@code memory}: {@code 256Mi}, {@code 1Gi} or a whole number of MB, in 128..32768 MB and a multiple of 64
 * MB (FC's rule). A value off the 64 MB grid gets the two nearest valid values as a hint: {@code 200Mi} suggests
 * {@code 192Mi or 256Mi}.
 */
final class Memory {

    private static final String KEY = "memory";
    private static final String RANGE = "128Mi..32Gi";

    private Memory() {}

    /** Returns the memory in MB, or the default if absent or wrong (reported). */
    static int read(Section section) {
        Long mb = section.scalar(KEY, "a size", "e.g. 128Mi, 1Gi", Values::megabytes);
        int fallback = Limits.MEMORY_MB.fallback();
        if (mb == null || !section.inRange(KEY, Limits.MEMORY_MB.contains(mb), RANGE)) {
            return fallback;
        }
        int step = Limits.MEMORY_STEP_MB;
        if (mb % step != 0) {
            long below = mb / step * step;
            YamlNode node = section.node(KEY);
            if (node != null) {
                String hint = below >= Limits.MEMORY_MB.min()
                        ? "e.g. " + below + "Mi or " + (below + step) + "Mi"
                        : "e.g. " + (below + step) + "Mi";
                section.report(
                        node, KEY, node.describe() + " is not a multiple of " + step + "Mi (expected: " + hint + ")");
            }
            return fallback;
        }
        return mb.intValue();
    }
}
