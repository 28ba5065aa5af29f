package dev.sluice.config.function;

import dev.sluice.config.source.YamlNode;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads {@code code}: a {@code .jar} or {@code .zip} file or a directory, relative to the document's directory, that
 * must exist when the document is loaded. A missing file is most often code not built yet, so the problem says where
 * it looked and how to build.
 */
final class CodeLocation {

    private static final String KEY = "code";
    private static final String EXPECTED = "a .jar, .zip or directory, relative to this file";

    private CodeLocation() {}

    /** Returns the absolute, normalized code path, or null if it is missing or wrong (reported). */
    static @Nullable Path read(Section section, Path baseDir) {
        return read(section, baseDir, KEY);
    }

    /** As {@link #read(Section, Path)}, for the path under {@code key} (an s.yaml's {@code code} or {@code codeUri}). */
    static @Nullable Path read(Section section, Path baseDir, String key) {
        String text = section.requiredString(key, "a path", EXPECTED);
        YamlNode node = section.node(key);
        if (text == null || node == null) {
            return null;
        }
        Path resolved;
        try {
            resolved = baseDir.toAbsolutePath().resolve(text).normalize();
        } catch (InvalidPathException e) {
            section.report(node, key, Section.notA(node, "a path", EXPECTED));
            return null;
        }
        if (Files.isDirectory(resolved)) {
            return resolved;
        }
        if (!Files.exists(resolved)) {
            section.report(node, key, node.describe() + " not found at " + resolved + " (" + buildHint(text) + ")");
            return null;
        }
        String fileName = String.valueOf(resolved.getFileName()).toLowerCase(Locale.ROOT);
        if (!fileName.endsWith(".jar") && !fileName.endsWith(".zip")) {
            section.report(
                    node, key, node.describe() + " is not a .jar, .zip or directory (expected: " + EXPECTED + ")");
            return null;
        }
        return resolved;
    }

    private static String buildHint(String text) {
        String unix = text.replace('\\', '/');
        if (unix.contains("target/") && unix.endsWith(".jar")) {
            return "build it first: run `mvn package`";
        }
        return "build it first, or fix the path";
    }
}
