package dev.sluice.config.function;

import dev.sluice.config.source.YamlMap;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the optional top-level {@code prewarm} map: how many stem-cell containers (runtime started, no function
 * bound) to keep per runtime, e.g. {@code prewarm: { java17: 1 }}.
 */
final class PrewarmReader {
    static final String KEY = "prewarm";
    /** Stem cells use memory while they wait; a handful is plenty on a laptop. */
    static final Limits.IntLimit COUNT = new Limits.IntLimit(0, 10, 0);

    private PrewarmReader() {}

    /** Returns the counts by runtime (absent runtimes mean none); problems are reported, nothing is thrown. */
    static Map<Runtime, Integer> read(Section document) {
        Map<Runtime, Integer> counts = new EnumMap<>(Runtime.class);
        Section section = document.child(KEY, "a map", "runtime names to stem-cell counts, e.g. { java17: 1 }");
        if (section == null) {
            return counts;
        }
        for (YamlMap.Entry entry : section.map().entries()) {
            Optional<Runtime> runtime = Runtime.fromId(entry.name());
            if (runtime.isEmpty()) {
                section.report(
                        entry.key(),
                        entry.name(),
                        "unknown runtime \"" + entry.name() + "\" (expected: one of " + Runtime.ids() + ")");
                continue;
            }
            if (!runtime.get().isBuiltIn()) {
                // A stem cell takes its function at /specialize, which only Sluice's bootstraps answer.
                section.report(
                        entry.key(),
                        entry.name(),
                        "stem cells are made of Sluice's own runtimes, not of"
                                + " custom runtimes or containers (expected: one of java17, nodejs20, python3)");
                continue;
            }
            int count = section.integer(entry.name(), COUNT);
            if (count > 0) {
                counts.put(runtime.get(), count);
            }
        }
        return counts;
    }
}
