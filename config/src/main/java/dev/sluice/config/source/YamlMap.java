package dev.sluice.config.source;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A YAML mapping, its entries in document order. Keys are unique: {@link YamlReader} reports a repeated key and
 * keeps the first.
 *
 * @param entries the key-value pairs in the order they were written
 * @param line the 1-based line of the first key (or of the opening brace)
 * @param column the 1-based column of the first key (or of the opening brace)
 */
public record YamlMap(List<Entry> entries, int line, int column) implements YamlNode {

    /** Copies the entries. */
    public YamlMap {
        entries = List.copyOf(entries);
    }

    /**
     * One key and its value.
     *
     * @param key the key as written, with its own position
     * @param value the value
     */
    public record Entry(YamlScalar key, YamlNode value) {

        /** Checks the components. */
        public Entry {
            requireNonNull(key, "key");
            requireNonNull(value, "value");
        }

        /** Returns the key's text. */
        public String name() {
            return key.text();
        }
    }

    /** Returns the entry for {@code key}, or null if the map has no such key. */
    public @Nullable Entry entry(String key) {
        for (Entry entry : entries) {
            if (entry.name().equals(key)) {
                return entry;
            }
        }
        return null;
    }

    /** Returns the value for {@code key}, or null if the map has no such key. */
    public @Nullable YamlNode get(String key) {
        Entry entry = entry(key);
        return entry == null ? null : entry.value();
    }

    /** Returns whether the map has no entries. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    @Override
    public String describe() {
        return "a map";
    }
}
