package dev.sluice.config.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns a YAML parser error into one short problem.
 *
 * <p>SnakeYAML's messages span several lines: an optional context ("while parsing a flow sequence") with its mark,
 * then the problem ("expected ',' or ']', but got :") with its mark, each mark followed by a source snippet and a
 * caret. The problem is reported at its mark, with the context and its position in parentheses:
 *
 * <pre>
 * functions.yml:2:2: YAML syntax error: expected ',' or ']', but got : (while parsing a flow sequence at 1:4)
 * </pre>
 */
final class SyntaxErrors {

    private static final Pattern MARK = Pattern.compile("^ in '[^']*', line (\\d+), column (\\d+):$");

    private SyntaxErrors() {}

    /** One line of text from the message, and the mark that followed it, if any. */
    private static final class Part {
        final String text;
        int line;
        int column;

        Part(String text) {
            this.text = text;
        }
    }

    static void report(JsonProcessingException error, Problems problems) {
        List<Part> parts = parts(error.getOriginalMessage());
        if (parts.isEmpty()) {
            parts.add(new Part("cannot be parsed"));
        }
        Part problem = parts.get(parts.size() - 1);
        if (problem.line == 0) {
            JsonLocation at = error.getLocation();
            problem.line = at == null ? 1 : Math.max(1, at.getLineNr());
            problem.column = at == null ? 1 : Math.max(1, at.getColumnNr());
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(problem.text);
        Part context = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
        if (context != null && context.line > 0) {
            message.append(" (")
                    .append(context.text)
                    .append(" at ")
                    .append(context.line)
                    .append(':')
                    .append(context.column)
                    .append(')');
        }
        problems.report(problem.line, problem.column, "", message.toString());
    }

    private static List<Part> parts(@Nullable String message) {
        List<Part> parts = new ArrayList<>();
        if (message == null) {
            return parts;
        }
        for (String line : message.split("\n", -1)) {
            Matcher mark = MARK.matcher(line);
            if (mark.matches() && !parts.isEmpty()) {
                Part last = parts.get(parts.size() - 1);
                last.line = Integer.parseInt(mark.group(1));
                last.column = Integer.parseInt(mark.group(2));
            } else if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(new Part(line.strip()));
            }
        }
        return parts;
    }
}
