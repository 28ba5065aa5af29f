package dev.sluice.config.source;

import java.util.List;

/**
 * A YAML sequence.
 *
 * @param items the items in document order
 * @param line the 1-based line of the first item (or of the opening bracket)
 * @param column the 1-based column of the first item (or of the opening bracket)
 */
public record YamlList(List<YamlNode> items, int line, int column) implements YamlNode {

    /** Copies the items. */
    public YamlList {
        items = List.copyOf(items);
    }

    @Override
    public String describe() {
        return "a list";
    }
}
