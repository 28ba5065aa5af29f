package dev.sluice.config.source;

import static java.util.Objects.requireNonNull;

/**
 * One thing wrong with a configuration document, located the way a compiler locates an error.
 *
 * <p>{@link #toString()} is the line the user sees: {@code functions.yml:14:13: functions.hello.memory: "512mb" is
 * not a size (expected: e.g. 128Mi, 1Gi)}. Two parts are left out when they carry nothing: the line and column when
 * {@code line} is 0 (the problem is about the file as a whole, e.g. it cannot be read), and the path when it is empty
 * (the problem is about the document root).
 *
 * @param source the name of the document, usually its file name as the user gave it
 * @param line the 1-based line, or 0 when the problem has no position
 * @param column the 1-based column, or 0 when the problem has no position
 * @param path the dotted key path as the user typed it, e.g. {@code functions.hello.triggers[0].http.path}; may be
 *     empty
 * @param message what is wrong, echoing the value and saying what is expected
 */
public record ConfigProblem(String source, int line, int column, String path, String message) {

    /** Checks the components. */
    public ConfigProblem {
        requireNonNull(source, "source");
        requireNonNull(path, "path");
        requireNonNull(message, "message");
        if (line < 0) {
            throw new IllegalArgumentException("line: " + line + " (expected: >= 0)");
        }
        if (column < 0) {
            throw new IllegalArgumentException("column: " + column + " (expected: >= 0)");
        }
    }

    /** Returns {@code source:line:column: path: message}, leaving out the parts that are empty. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(source);
        if (line > 0) {
            out.append(':').append(line).append(':').append(column);
        }
        out.append(": ");
        if (!path.isEmpty()) {
            out.append(path).append(": ");
        }
        return out.append(message).toString();
    }
}
