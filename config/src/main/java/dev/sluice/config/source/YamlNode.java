package dev.sluice.config.source;

/**
 * A value in a YAML document, with the line and column where it was written.
 *
 * <p>Unlike Jackson's {@code JsonNode}, every node keeps its position, so that a problem can point at the exact
 * value (or key) the user typed.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** Returns the 1-based line where the node starts. */
    int line();

    /** Returns the 1-based column where the node starts. */
    int column();

    /**
     * Returns how the node is echoed in a message: a string in quotes ({@code "512mb"}), a number or boolean as
     * written ({@code 0}, {@code true}), and otherwise what it is ({@code a map}, {@code a list}, {@code no value}).
     */
    String describe();
}
