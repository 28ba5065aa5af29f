package dev.sluice.config.source;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects the problems found in one document, so that the user sees all of them at once.
 *
 * <p>Validators report and carry on; the caller ends with {@link #throwIfAny()}. Not thread-safe: one document is
 * read by one thread.
 */
public final class Problems {

    private static final Comparator<ConfigProblem> BY_POSITION =
            Comparator.comparingInt(ConfigProblem::line).thenComparingInt(ConfigProblem::column);

    private final String source;

    /** In the order reported; sorted by position when handed out. */
    private final List<ConfigProblem> problems = new ArrayList<>();

    /** Creates an empty collector for the document named {@code source} (e.g. {@code functions.yml}). */
    public Problems(String source) {
        this.source = requireNonNull(source, "source");
    }

    /** Returns the name of the document the problems are about. */
    public String source() {
        return source;
    }

    /** Reports a problem located at {@code node}. */
    public void report(YamlNode node, String path, String message) {
        report(node.line(), node.column(), path, message);
    }

    /** Reports a problem at a line and column (both 0 when the problem has no position). */
    public void report(int line, int column, String path, String message) {
        problems.add(new ConfigProblem(source, line, column, path, message));
    }

    /** Adds a problem that was built elsewhere in this package (it must be about this document). */
    void add(ConfigProblem problem) {
        problems.add(problem);
    }

    /** Returns how many problems were reported so far. */
    public int count() {
        return problems.size();
    }

    /** Returns whether no problem was reported. */
    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Returns the problems reported so far, ordered by line and column (ties keep their reporting order). */
    public List<ConfigProblem> list() {
        List<ConfigProblem> sorted = new ArrayList<>(problems);
        sorted.sort(BY_POSITION);
        return List.copyOf(sorted);
    }

    /** Throws a {@link ConfigException} listing every problem, if there is any. */
    public void throwIfAny() throws ConfigException {
        if (!problems.isEmpty()) {
            throw new ConfigException(list());
        }
    }
}
