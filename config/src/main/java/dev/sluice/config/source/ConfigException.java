package dev.sluice.config.source;

import java.util.List;

/**
 * Thrown when a configuration document has one or more problems; nothing from such a document is used.
 *
 * <p>The message lists every problem, one per line, and ends with a count:
 *
 * <pre>
 * functions.yml:14:13: functions.hello.memory: "512mb" is not a size (expected: e.g. 128Mi, 1Gi)
 * functions.yml:19:5: functions.hello: unknown key "timout" (did you mean "timeout"?)
 * functions.yml:22:19: functions.hello.maxInstances: 0 (expected: 1..100)
 * 3 problems; nothing was started.
 * </pre>
 */
public final class ConfigException extends Exception {

    /** Never empty, in the order they were given (by position, when they come from {@link Problems}). */
    private final List<ConfigProblem> problems;

    /** Creates an exception for the given problems, which must not be empty. */
    public ConfigException(List<ConfigProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Creates an exception for a single problem. */
    public ConfigException(ConfigProblem problem) {
        this(List.of(problem));
    }

    /** Returns every problem, never empty. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static String describe(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("problems: [] (expected: at least one)");
        }
        StringBuilder out = new StringBuilder();
        for (ConfigProblem problem : problems) {
            out.append(problem).append('\n');
        }
        int count = problems.size();
        return out.append(count)
                .append(count == 1 ? " problem" : " problems")
                .append("; nothing was started.")
                .toString();
    }
}
