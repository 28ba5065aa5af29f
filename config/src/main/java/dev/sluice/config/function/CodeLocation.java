package dev.sluice.config.function;

import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the code paths of one document: {@code code} (and an s.yaml's {@code codeUri}, a template's {@code
 * CodeUri}), a {@code .jar} or {@code .zip} file or a directory, relative to the document's directory, that must
 * exist when the document is loaded and must lie inside its {@link CodeRoots}. A missing file is most often code
 * not built yet, so the problem says where it looked and how to build.
 *
 * <p>Every reader of every format checks its paths here ({@link #read} or {@link #checkInside}), so that no format
 * lets a document mount what the roots keep out.
 */
final class CodeLocation {

    private static final String KEY = "code";
    private static final String EXPECTED = "a .jar, .zip or directory, relative to this file";

    /** Absolute and normalized. */
    private final Path baseDir;

    private final CodeRoots roots;

    CodeLocation(Path baseDir, CodeRoots roots) {
        this.baseDir = baseDir.toAbsolutePath().normalize();
        this.roots = roots;
    }

    /** Returns the directory relative paths resolve against (absolute, normalized). */
    Path baseDir() {
        return baseDir;
    }

    /** Returns the absolute, normalized code path, or null if it is missing or wrong (reported). */
    @Nullable
    Path read(Section section) {
        return read(section, KEY);
    }

    /** As {@link #read(Section)}, for the path under {@code key} (an s.yaml's {@code code} or {@code codeUri}). */
    @Nullable
    Path read(Section section, String key) {
        String text = section.requiredString(key, "a path", EXPECTED);
        YamlNode node = section.node(key);
        if (text == null || node == null) {
            return null;
        }
        Path resolved;
        try {
            resolved = baseDir.resolve(text).normalize();
        } catch (InvalidPathException e) {
            section.report(node, key, Section.notA(node, "a path", EXPECTED));
            return null;
        }
        if (!Files.exists(resolved)) {
            section.report(node, key, node.describe() + " not found at " + resolved + " (" + buildHint(text) + ")");
            return null;
        }
        if (!checkInside(section, node, key, resolved)) {
            return null;
        }
        if (Files.isDirectory(resolved)) {
            return resolved;
        }
        String fileName = String.valueOf(resolved.getFileName()).toLowerCase(Locale.ROOT);
        if (!fileName.endsWith(".jar") && !fileName.endsWith(".zip")) {
            section.report(
                    node, key, node.describe() + " is not a .jar, .zip or directory (expected: " + EXPECTED + ")");
            return null;
        }
        return resolved;
    }

    /**
     * Returns whether the existing path {@code resolved}, given at {@code node}, lies inside the roots once its links
     * are followed; reports the problem under {@code key} if not.
     */
    boolean checkInside(Section section, YamlNode node, String key, Path resolved) {
        if (roots.allowsAny()) {
            return true;
        }
        Path real;
        try {
            real = resolved.toRealPath();
        } catch (IOException e) {
            section.report(node, key, node.describe() + " cannot be resolved (" + e + ") (expected: a readable path)");
            return false;
        }
        if (roots.contains(real)) {
            return true;
        }
        String typed = node instanceof YamlScalar scalar ? scalar.text() : "";
        String where = real.toString().equals(typed) ? "" : " (resolves to " + real + ")";
        section.report(
                node,
                key,
                node.describe() + where + " is outside the allowed directories (" + roots + ") (expected: a path"
                        + " inside them; sluice up --allow-code-outside allows any)");
        return false;
    }

    private static String buildHint(String text) {
        String unix = text.replace('\\', '/');
        if (unix.contains("target/") && unix.endsWith(".jar")) {
            return "build it first: run `mvn package`";
        }
        return "build it first, or fix the path";
    }
}
