package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.sluice.config.source.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loads every {@code ```yaml} example in {@code docs/*.md}, so the reference cannot drift from the code.
 *
 * <p>Each example is parsed against a fresh directory where every {@code code:} path it names exists. A block
 * fenced {@code ```yaml invalid} must fail instead; when the next block is {@code ```text}, that block is the exact
 * error output, with the document named {@code functions.yml}. Blocks with other info strings are not checked, nor are
 * Kubernetes manifests, fenced {@code ```yaml manifest}: the gateway's {@code ClusterDocsTest} reads those.
 */
class DocsExamplesTest {

    /** Surefire runs in the module directory, {@code config/}; the docs are beside it. */
    private static final Path DOCS = Path.of("").toAbsolutePath().resolveSibling("docs");

    private static final Pattern FENCE = Pattern.compile("^\\s*```\\s*(\\S*)\\s*(.*)$");
    private static final Pattern CODE = Pattern.compile("\\b(?:code|codeUri):\\s*[\"']?([^\"'\\s,}#]+)");

    @TempDir
    Path dir;

    /** One fenced block: where it is, how it is marked, its text, and the error output that follows it, if any. */
    private record Example(String name, boolean valid, String yaml, @Nullable String output) {}

    @TestFactory
    Stream<DynamicTest> everyYamlExampleInTheDocsLoads() throws IOException {
        List<Example> examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                examples.addAll(examples(file));
            }
        }
        assertThat(examples).as("yaml examples in %s", DOCS).isNotEmpty();
        assertThat(examples).as("valid examples").anyMatch(Example::valid);
        return examples.stream().map(example -> dynamicTest(example.name(), () -> check(example)));
    }

    private void check(Example example) throws IOException, ConfigException {
        Path base = Files.createDirectories(
                dir.resolve("example-" + Integer.toHexString(example.name().hashCode())));
        createCode(example.yaml(), base);
        if (example.valid()) {
            assertThat(FunctionsDocument.parse(example.yaml(), "functions.yml", base)
                            .functions())
                    .isNotEmpty();
            return;
        }
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> FunctionsDocument.parse(example.yaml(), "functions.yml", base));
        assertThat(e).as("an example marked invalid must fail").isNotNull();
        if (example.output() != null) {
            assertThat(e.getMessage()).isEqualTo(example.output().strip());
        }
    }

    private static void createCode(String yaml, Path base) throws IOException {
        Matcher code = CODE.matcher(yaml);
        while (code.find()) {
            Path path = Path.of(code.group(1));
            if (path.isAbsolute()) {
                continue; // an absolute path in an example is a mistake the parse will report
            }
            Path target = base.resolve(path).normalize();
            if (target.toString().endsWith(".jar") || target.toString().endsWith(".zip")) {
                Files.createDirectories(target.getParent());
                Files.write(target, new byte[0]);
            } else {
                Files.createDirectories(target);
            }
        }
    }

    private static List<Example> examples(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher fence = FENCE.matcher(lines.get(i));
            if (!fence.matches()
                    || !fence.group(1).equals("yaml")
                    || fence.group(2).equals("manifest")) {
                continue;
            }
            int start = i + 1;
            int end = closing(lines, start);
            boolean valid = !fence.group(2).equals("invalid");
            String yaml = String.join("\n", lines.subList(start, end)) + "\n";
            String output = valid ? null : followingText(lines, end + 1);
            examples.add(new Example(file.getFileName() + " line " + start, valid, yaml, output));
            i = end;
        }
        return examples;
    }

    private static int closing(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("```")) {
                return i;
            }
        }
        throw new IllegalStateException("unclosed ``` block starting at line " + from);
    }

    /** Returns the contents of a {@code ```text} block that follows after blank lines only, or null. */
    private static @Nullable String followingText(List<String> lines, int from) {
        int i = from;
        while (i < lines.size() && lines.get(i).isBlank()) {
            i++;
        }
        if (i >= lines.size() || !lines.get(i).strip().equals("```text")) {
            return null;
        }
        int end = closing(lines, i + 1);
        return String.join("\n", lines.subList(i + 1, end));
    }
}
