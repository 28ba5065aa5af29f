/**
 * Reading configuration text with line and column for every node, and reporting problems compiler-style.
 *
 * <p>{@link dev.sluice.config.source.YamlReader} turns YAML (or JSON) into a small tree of {@link
 * dev.sluice.config.source.YamlNode}s that remember where they were written. Validators report into {@link
 * dev.sluice.config.source.Problems}; a document with any problem ends in one {@link
 * dev.sluice.config.source.ConfigException} that lists them all.
 */
package dev.sluice.config.source;
