package dev.sluice.config.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private final Problems problems = new Problems("test.yml");

    private YamlNode read(String text) {
        Optional<YamlNode> node = YamlReader.read(text, problems);
        assertThat(node).as("parsed, problems: %s", problems.list()).isPresent();
        return node.orElseThrow();
    }

    private static YamlMap map(YamlNode node) {
        assertThat(node).isInstanceOf(YamlMap.class);
        return (YamlMap) node;
    }

    @Test
    void keepsTheLineAndColumnOfKeysAndValues() {
        YamlMap root = map(read("version: 1\nfunctions:\n  hello:\n    memory: 512mb\n"));
        YamlMap hello = map(map(root.get("functions")).get("hello"));
        YamlMap.Entry memory = hello.entry("memory");

        assertThat(memory).isNotNull();
        assertThat(memory.key()).extracting(YamlNode::line, YamlNode::column).containsExactly(4, 5);
        assertThat(memory.value()).extracting(YamlNode::line, YamlNode::column).containsExactly(4, 13);
        assertThat(map(root.get("functions")).entry("hello"))
                .extracting(e -> e.key().line(), e -> e.key().column())
                .containsExactly(3, 3);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void resolvesScalarKindsButKeepsTheTextAsWritten() {
        YamlMap root = map(read("a: 10\nb: 0.5\nc: yes\nd: ~\ne:\nf: 0x1F\ng: \"80\"\nh: text\n"));

        assertThat(root.get("a")).isEqualTo(new YamlScalar(YamlScalar.Kind.INTEGER, "10", 10, 1, 4));
        assertThat(root.get("b")).extracting(n -> ((YamlScalar) n).kind()).isEqualTo(YamlScalar.Kind.DECIMAL);
        assertThat(root.get("c")).isEqualTo(new YamlScalar(YamlScalar.Kind.BOOLEAN, "yes", null, 3, 4));
        assertThat(root.get("d")).extracting(n -> ((YamlScalar) n).isNull()).isEqualTo(true);
        assertThat(root.get("e")).isEqualTo(new YamlScalar(YamlScalar.Kind.NULL, "", null, 5, 1));
        assertThat(root.get("f")).extracting(n -> ((YamlScalar) n).longValue()).isEqualTo(31L);
        assertThat(root.get("f")).extracting(YamlNode::describe).isEqualTo("0x1F");
        assertThat(root.get("g")).isEqualTo(YamlScalar.string("80", 7, 4));
        assertThat(root.get("h")).extracting(YamlNode::describe).isEqualTo("\"text\"");
    }

    @Test
    void readsListsWithTheirItems() {
        YamlMap root = map(read("methods: [GET, post]\n"));

        assertThat(root.get("methods")).isInstanceOf(YamlList.class);
        YamlList methods = (YamlList) root.get("methods");
        assertThat(methods.items()).containsExactly(YamlScalar.string("GET", 1, 11), YamlScalar.string("post", 1, 16));
        assertThat(methods.describe()).isEqualTo("a list");
    }

    @Test
    void reportsADuplicateKeyAtTheSecondOneAndKeepsTheFirst() {
        YamlMap root = map(read("functions:\n  hello:\n    timeout: 5s\n    timeout: 9s\n"));

        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .containsExactly("test.yml:4:5: functions.hello: duplicate key \"timeout\" (first at line 3)");
        YamlMap hello = map(map(root.get("functions")).get("hello"));
        assertThat(hello.get("timeout")).extracting(YamlNode::describe).isEqualTo("\"5s\"");
        assertThat(hello.entries()).hasSize(1);
    }

    @Test
    void reportsDuplicateTopLevelKeysWithoutAPath() {
        read("version: 1\nversion: 1\n");

        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .containsExactly("test.yml:2:1: duplicate key \"version\" (first at line 1)");
    }

    @Test
    void aLineTooLongToParseInTimeIsRefusedBeforeParsing() {
        String wide = "a".repeat(YamlReader.MAX_LINE_LENGTH + 1);

        Optional<YamlNode> node = YamlReader.read("version: 1\nfunctions: " + wide + "\n", problems);

        assertThat(node).isEmpty();
        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .singleElement()
                .asString()
                .startsWith("test.yml:2:1: line 2 is " + (YamlReader.MAX_LINE_LENGTH + 12) + " characters long")
                .contains("at most " + YamlReader.MAX_LINE_LENGTH);
    }

    @Test
    void aLineJustWithinTheLimitIsRead() {
        String value = "a".repeat(YamlReader.MAX_LINE_LENGTH - "k: ".length());

        assertThat(map(read("k: " + value + "\n")).get("k")).isNotNull();
    }

    @Test
    void aSyntaxErrorIsOneProblemAtTheParsersPosition() {
        Optional<YamlNode> node = YamlReader.read("a: 1\na: 2\nb: [1, 2\nc: 3\n", problems);

        assertThat(node).isEmpty();
        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .containsExactly("test.yml:4:2: YAML syntax error: expected ',' or ']', but got :"
                        + " (while parsing a flow sequence at 3:4)");
    }

    @Test
    void aBadIndentIsReportedWhereItHappens() {
        Optional<YamlNode> node = YamlReader.read("functions:\n  hello:\n    runtime: java17\n   code: x\n", problems);

        assertThat(node).isEmpty();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.column()).isEqualTo(4);
            assertThat(p.message()).startsWith("YAML syntax error: ");
        });
    }

    @Test
    void tabsAreReportedWithSnakeYamlsReason() {
        Optional<YamlNode> node = YamlReader.read("a:\n\tb: 1\n", problems);

        assertThat(node).isEmpty();
        assertThat(problems.list()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isEqualTo(1);
            assertThat(p.message()).contains("TAB");
        });
    }

    @Test
    void anEmptyOrCommentOnlyDocumentReadsAsNoValue() {
        assertThat(read("")).isEqualTo(new YamlScalar(YamlScalar.Kind.NULL, "", null, 1, 1));
        assertThat(read("# nothing here\n"))
                .extracting(n -> ((YamlScalar) n).isNull())
                .isEqualTo(true);
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aliasesAreRejectedAsTheOnlyProblem() {
        Optional<YamlNode> node = YamlReader.read("a: &x 5s\nb: *x\nb: 1\n", problems);

        assertThat(node).isEmpty();
        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .containsExactly(
                        "test.yml:2:4: b: alias *x is not supported (expected: the value written out in full)");
    }

    @Test
    void aSecondDocumentIsReported() {
        read("a: 1\n---\nb: 2\n");

        assertThat(problems.list())
                .map(ConfigProblem::toString)
                .containsExactly("test.yml:3:1: a second YAML document (after ---) is not supported"
                        + " (expected: one document per file)");
    }

    @Test
    void readsJsonToo() {
        YamlMap root = map(read("{\"functions\": {\"hello\": {\"memory\": 256}}}"));

        assertThat(map(map(root.get("functions")).get("hello")).get("memory"))
                .extracting(YamlNode::line, YamlNode::column)
                .containsExactly(1, 36);
    }

    @Test
    void longStringsAreCutWhenEchoed() {
        YamlScalar scalar = YamlScalar.string("x".repeat(100) + "\"", 1, 1);

        assertThat(scalar.describe()).isEqualTo("\"" + "x".repeat(60) + "…\"");
        assertThat(YamlScalar.string("a\"b\\c\nd", 1, 1).describe()).isEqualTo("\"a\\\"b\\\\c\\nd\"");
    }
}
