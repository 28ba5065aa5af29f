package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Code paths must resolve, links followed, inside the allowed directories, in every format and for services. */
class CodeRootsTest {
    private static final String EXPECTED = " (expected: a path inside them; sluice up --allow-code-outside allows any)";

    @TempDir
    Path dir;

    private Path project;
    private Path other;

    @BeforeEach
    void createDirectories() throws IOException {
        project = Files.createDirectories(dir.resolve("project"));
        other = Files.createDirectories(dir.resolve("other"));
        Files.createDirectories(project.resolve("hello"));
        Files.createDirectories(other.resolve("code"));
    }

    private static String withCode(String code) {
        return Documents.MINIMAL.replace("./hello/target/hello.jar", code);
    }

    private List<String> problems(String text, CodeRoots roots) {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> FunctionsDocument.parse(text, "functions.yml", project, roots));
        assertThat(e).as("expected problems in:%n%s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void acceptsCodeInsideAnyOfTheRootsAndTheRootItself() throws ConfigException {
        CodeRoots roots = CodeRoots.of(project, other);

        assertThat(FunctionsDocument.parse(withCode("./hello"), "f.yml", project, roots)
                        .functions()
                        .get(0)
                        .code())
                .isEqualTo(project.resolve("hello"));
        assertThat(FunctionsDocument.parse(withCode("../other/code"), "f.yml", project, roots)
                        .functions()
                        .get(0)
                        .code())
                .isEqualTo(other.resolve("code"));
        assertThat(FunctionsDocument.parse(withCode("."), "f.yml", project, roots)
                        .functions()
                        .get(0)
                        .code())
                .isEqualTo(project);
    }

    @Test
    void refusesCodeOutsideTheRootsNamingThem() {
        assertThat(problems(withCode(other.resolve("code").toString()), CodeRoots.of(project, dir.resolve("home"))))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"" + other.resolve("code")
                        + "\" is outside the allowed directories (" + project + ", " + dir.resolve("home") + ")"
                        + EXPECTED);
    }

    @Test
    void refusesTheFileSystemRootAndEtc() {
        CodeRoots roots = CodeRoots.of(project);

        assertThat(problems(withCode("/"), roots))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"/\" is outside the allowed directories ("
                        + project + ")" + EXPECTED);
        assertThat(problems(withCode("/etc"), roots))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"/etc\" is outside the allowed"
                        + " directories (" + project + ")" + EXPECTED);
    }

    @Test
    void saysWhereARelativePathLeadsWhenItLeaves() {
        assertThat(problems(withCode("../other/code"), CodeRoots.of(project)))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"../other/code\" (resolves to "
                        + other.resolve("code") + ") is outside the allowed directories (" + project + ")" + EXPECTED);
    }

    @Test
    void refusesALinkInsideARootThatPointsOutOfIt() throws IOException {
        Files.createSymbolicLink(project.resolve("escape"), Path.of("/etc"));
        Files.createSymbolicLink(project.resolve("hello/lib"), other.resolve("code"));

        assertThat(problems(withCode("./escape"), CodeRoots.of(project)))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"./escape\" (resolves to /etc) is outside"
                        + " the allowed directories (" + project + ")" + EXPECTED);
        assertThat(problems(withCode("hello/lib"), CodeRoots.of(project)))
                .singleElement()
                .asString()
                .contains("(resolves to " + other.resolve("code") + ") is outside");
    }

    @Test
    void acceptsARootReachedThroughALink() throws IOException, ConfigException {
        Path link = Files.createSymbolicLink(dir.resolve("link-to-other"), other);

        FunctionsDocument document = FunctionsDocument.parse(
                withCode(other.resolve("code").toString()), "f.yml", project, CodeRoots.of(link));

        assertThat(document.functions().get(0).code()).isEqualTo(other.resolve("code"));
    }

    @Test
    void theFileSystemRootIsNeverARoot() {
        assertThat(CodeRoots.of(Path.of("/"), project).dirs()).containsExactly(project);
        assertThat(problems(withCode("/etc"), CodeRoots.of(Path.of("/"))))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"/etc\" is outside the allowed"
                        + " directories (none)" + EXPECTED);
    }

    @Test
    void anyAllowsEveryExistingPath() throws ConfigException {
        FunctionsDocument document = FunctionsDocument.parse(withCode("/etc"), "f.yml", project, CodeRoots.ANY);

        assertThat(document.functions().get(0).code()).isEqualTo(Path.of("/etc"));
        assertThat(CodeRoots.ANY.and(project)).isSameAs(CodeRoots.ANY);
    }

    @Test
    void withoutRootsCodeMustStayInsideTheBaseDirectory() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> FunctionsDocument.parse(withCode("/etc"), "functions.yml", project));

        assertThat(e.problems()).singleElement().asString().contains("\"/etc\" is outside the allowed directories");
    }

    @Test
    void keepsTheMessageForAMissingPath() {
        assertThat(problems(withCode("/etc/no-such-code.jar"), CodeRoots.of(project)))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"/etc/no-such-code.jar\" not found at"
                        + " /etc/no-such-code.jar (build it first, or fix the path)");
    }

    private List<String> outsideProblems(String text) {
        return problems(text, CodeRoots.of(project));
    }

    private String outside() {
        return "\"/etc\" is outside the allowed directories (" + project + ")" + EXPECTED;
    }

    @Test
    void appliesToServices() {
        String service =
                """
                services:
                  db:
                    runtime: java17
                    code: /etc
                    port: 9092
                """
                        + withCode("./hello");

        assertThat(outsideProblems(service)).containsExactly("functions.yml:4:11: services.db.code: " + outside());
    }

    @Test
    void appliesToFunTemplates() {
        String template =
                """
                ROSTemplateFormatVersion: '2015-09-01'
                Transform: 'Aliyun::Serverless-2018-04-03'
                Resources:
                  demo:
                    Type: 'Aliyun::Serverless::Service'
                    hello:
                      Type: 'Aliyun::Serverless::Function'
                      Properties:
                        Handler: index.handler
                        Runtime: nodejs14
                        CodeUri: /etc
                """;

        assertThat(outsideProblems(template))
                .containsExactly("functions.yml:11:18: Resources.demo.hello.Properties.CodeUri: " + outside());
    }

    @Test
    void appliesToBothEditionsOfServerlessDevs() {
        String fc3 =
                """
                edition: 3.0.0
                name: app
                resources:
                  hello:
                    component: fc3
                    props:
                      functionName: hello
                      runtime: nodejs18
                      code: /etc
                      handler: index.handler
                """;
        String fc2 =
                """
                edition: 1.0.0
                name: app
                services:
                  web:
                    component: fc
                    props:
                      service: { name: demo }
                      function:
                        name: hello
                        runtime: nodejs14
                        codeUri: /etc
                        handler: index.handler
                """;

        assertThat(outsideProblems(fc3))
                .containsExactly("functions.yml:9:13: resources.hello.props.code: " + outside());
        assertThat(outsideProblems(fc2))
                .containsExactly("functions.yml:11:18: services.web.props.function.codeUri: " + outside());
    }
}
