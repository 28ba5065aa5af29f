package dev.sluice.config.source;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML (or JSON, which YAML includes) into a tree of {@link YamlNode}s that keep their positions.
 *
 * <p>Uses Jackson's streaming {@link YAMLParser}, because {@code JsonNode} forgets where values were written. The
 * outcome is one of:
 *
 * <ol>
 *   <li>a tree, with a problem reported for every repeated key (the first occurrence is kept) and for a second
 *       document after {@code ---};
 *   <li>nothing, with exactly one problem reported, when the text is not valid YAML or uses an alias ({@code *name}),
 *       which Sluice does not resolve.
 * </ol>
 *
 * An empty document (nothing, or only comments) reads as a {@link YamlScalar.Kind#NULL} scalar at line 1, column 1;
 * an empty value ({@code key:} with nothing after it) reads as one at its key, so that problems point at the key.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .enable(YAMLParser.Feature.EMPTY_STRING_AS_NULL)
            .build();

    private final YAMLParser parser;
    private final Problems problems;

    /** Problems that count only if the whole text parses; a syntax error is reported alone. */
    private final List<ConfigProblem> pending = new ArrayList<>();

    private YamlReader(YAMLParser parser, Problems problems) {
        this.parser = parser;
        this.problems = problems;
    }

    /**
     * The longest line read. The YAML parser takes time quadratic in a line's length (an 8 MB line took 18 s), and
     * no deployment document has lines anywhere near this long: a wider one is refused before it is parsed.
     */
    static final int MAX_LINE_LENGTH = 64 * 1024;

    /** Returns the tree for {@code text}, or empty if it could not be read; problems go to {@code problems}. */
    public static Optional<YamlNode> read(String text, Problems problems) {
        if (hasOverlongLine(text, problems)) {
            return Optional.empty();
        }
        try (YAMLParser parser = FACTORY.createParser(text)) {
            YamlReader reader = new YamlReader(parser, problems);
            JsonToken first = parser.nextToken();
            YamlNode root =
                    first == null ? new YamlScalar(YamlScalar.Kind.NULL, "", null, 1, 1) : reader.node(first, "");
            if (parser.nextToken() != null) {
                reader.defer(
                        "", "a second YAML document (after ---) is not supported (expected: one document per file)");
            }
            reader.pending.forEach(problems::add);
            return Optional.of(root);
        } catch (Unsupported e) {
            problems.add(e.problem);
        } catch (JsonProcessingException e) {
            SyntaxErrors.report(e, problems);
        } catch (IOException e) {
            problems.report(0, 0, "", "cannot be read (" + e.getMessage() + ")");
        }
        return Optional.empty();
    }

    /** Reports the first line longer than {@link #MAX_LINE_LENGTH}, if any; returns whether there was one. */
    private static boolean hasOverlongLine(String text, Problems problems) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_LINE_LENGTH) {
                    problems.report(
                            line,
                            1,
                            "",
                            "line " + line + " is " + (i - start) + " characters long (expected: at most "
                                    + MAX_LINE_LENGTH + "; break long values over several lines, e.g. with a | block)");
                    return true;
                }
                line++;
                start = i + 1;
            }
        }
        return false;
    }

    private YamlNode node(JsonToken token, String path) throws IOException, Unsupported {
        JsonLocation at = parser.currentTokenLocation();
        return switch (token) {
            case START_OBJECT -> map(path, at);
            case START_ARRAY -> list(path, at);
            default -> scalar(token, path, at);
        };
    }

    private YamlMap map(String path, JsonLocation start) throws IOException, Unsupported {
        List<YamlMap.Entry> entries = new ArrayList<>();
        Map<String, YamlScalar> seen = new HashMap<>();
        for (JsonToken token = next(); token != JsonToken.END_OBJECT; token = next()) {
            JsonLocation at = parser.currentTokenLocation();
            YamlScalar key = YamlScalar.string(parser.currentName(), at.getLineNr(), at.getColumnNr());
            YamlNode value = atKeyIfEmpty(node(next(), path.isEmpty() ? key.text() : path + "." + key.text()), key);
            YamlScalar first = seen.putIfAbsent(key.text(), key);
            if (first == null) {
                entries.add(new YamlMap.Entry(key, value));
            } else {
                pending.add(problem(
                        key, path, "duplicate key \"" + key.text() + "\" (first at line " + first.line() + ")"));
            }
        }
        return new YamlMap(entries, start.getLineNr(), start.getColumnNr());
    }

    /**
     * Returns {@code value}, or for {@code key:} with nothing after it, an empty value at the key: Jackson places the
     * missing value after the colon, which points the user at nothing they wrote.
     */
    private static YamlNode atKeyIfEmpty(YamlNode value, YamlScalar key) {
        if (value instanceof YamlScalar scalar
                && scalar.isNull()
                && scalar.text().isEmpty()) {
            return new YamlScalar(YamlScalar.Kind.NULL, "", null, key.line(), key.column());
        }
        return value;
    }

    private YamlList list(String path, JsonLocation start) throws IOException, Unsupported {
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken token = next(); token != JsonToken.END_ARRAY; token = next()) {
            items.add(node(token, path + "[" + items.size() + "]"));
        }
        return new YamlList(items, start.getLineNr(), start.getColumnNr());
    }

    private YamlScalar scalar(JsonToken token, String path, JsonLocation at) throws IOException, Unsupported {
        int line = at.getLineNr();
        int column = at.getColumnNr();
        String text = parser.getText();
        if (parser.isCurrentAlias()) {
            YamlScalar alias = YamlScalar.string(text, line, column);
            throw new Unsupported(problem(
                    alias, path, "alias *" + text + " is not supported (expected: the value written out in full)"));
        }
        return switch (token) {
            case VALUE_NUMBER_INT -> new YamlScalar(
                    YamlScalar.Kind.INTEGER, text, parser.getNumberValue(), line, column);
            case VALUE_NUMBER_FLOAT -> new YamlScalar(
                    YamlScalar.Kind.DECIMAL, text, parser.getNumberValue(), line, column);
            case VALUE_TRUE, VALUE_FALSE -> new YamlScalar(YamlScalar.Kind.BOOLEAN, text, null, line, column);
            case VALUE_NULL -> new YamlScalar(YamlScalar.Kind.NULL, text, null, line, column);
            default -> YamlScalar.string(text, line, column);
        };
    }

    private JsonToken next() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of the document");
        }
        return token;
    }

    private void defer(String path, String message) {
        JsonLocation at = parser.currentTokenLocation();
        pending.add(new ConfigProblem(problems.source(), at.getLineNr(), at.getColumnNr(), path, message));
    }

    private ConfigProblem problem(YamlNode at, String path, String message) {
        return new ConfigProblem(problems.source(), at.line(), at.column(), path, message);
    }

    /** Ends reading at YAML that parses but that Sluice does not support. */
    private static final class Unsupported extends Exception {
        final transient ConfigProblem problem;

        Unsupported(ConfigProblem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
