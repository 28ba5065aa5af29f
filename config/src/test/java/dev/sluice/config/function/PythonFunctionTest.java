package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.source.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PythonFunctionTest {
    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() throws IOException {
        documents = new Documents(dir);
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("code/index.py"), "def handler(event, context):\n    return event\n");
        Files.write(dir.resolve("code.zip"), new byte[0]);
    }

    private static String python(String runtime, String code, String handler) {
        return "functions:\n  greeter:\n    runtime: " + runtime + "\n    code: " + code + "\n    handler: " + handler
                + "\n";
    }

    @ParameterizedTest
    @CsvSource(
            value = {"python3, null", "python3.6, 3.6", "python3.9, 3.9", "python3.10, 3.10", "python3.12, 3.12"},
            nullValues = "null")
    void everyPython3NameOfFcRunsOnPython3AndKeepsTheVersionItAskedFor(String name, String version)
            throws ConfigException {
        FunctionSpec greeter = documents
                .parse(python(name, "./code", "index.handler"))
                .function("greeter")
                .orElseThrow();

        assertThat(greeter.runtime()).isEqualTo(Runtime.PYTHON3);
        assertThat(greeter.runtimeVersion()).isEqualTo(version);
        assertThat(greeter.handler()).isEqualTo("index.handler");
    }

    @Test
    void aHandlerInAPackageIsAModulePathAndAFunction() throws ConfigException {
        FunctionSpec greeter = documents
                .parse(python("python3", "./code", "app.handlers.greet"))
                .function("greeter")
                .orElseThrow();

        assertThat(greeter.handler()).isEqualTo("app.handlers.greet");
    }

    @Test
    void rejectsANodeHandlerAndAFileWithThePythonForm() {
        assertThat(documents.problems(python("python3", "./code", "lib/index.handler")))
                .containsExactly("functions.yml:5:14: functions.greeter.handler: \"lib/index.handler\" is not a"
                        + " Python handler (expected: module.function, e.g. index.handler (def handler in index.py))");
        assertThat(documents.problems(python("python3", "./code.zip", "index.handler")))
                .containsExactly("functions.yml:4:11: functions.greeter.code: \"./code.zip\" is a file, but"
                        + " python3 loads code from a directory (expected: the directory holding your module, e.g."
                        + " ./hello)");
    }

    @Test
    void pythonTwoIsRefusedWithWhatRuns() {
        assertThat(documents.problems(python("python2.7", "./code", "index.handler")))
                .first()
                .isEqualTo("functions.yml:3:14: functions.greeter.runtime: \"python2.7\" is not a runtime (expected:"
                        + " one of java17, nodejs20, python3, custom, custom-container)");
    }

    @Test
    void aFunTemplatePythonFunctionRunsOnPython3() throws ConfigException {
        String template =
                """
                ROSTemplateFormatVersion: '2015-09-01'
                Transform: 'Aliyun::Serverless-2018-04-03'
                Resources:
                  demo:
                    Type: 'Aliyun::Serverless::Service'
                    hello:
                      Type: 'Aliyun::Serverless::Function'
                      Properties: { Handler: index.handler, Initializer: index.initializer, Runtime: python3.9, CodeUri: ./code }
                """;

        FunctionSpec hello = FunctionsDocument.parse(template, "template.yml", dir)
                .function("hello")
                .orElseThrow();

        assertThat(hello.runtime()).isEqualTo(Runtime.PYTHON3);
        assertThat(hello.runtimeVersion()).isEqualTo("3.9");
        assertThat(hello.initializer()).isEqualTo("index.initializer");
    }

    @Test
    void bothServerlessDevsEditionsRunPythonFunctions() throws ConfigException {
        String fc3 =
                """
                edition: 3.0.0
                name: app
                resources:
                  hello:
                    component: fc3
                    props: { functionName: hello, runtime: python3.10, code: ./code, handler: index.handler }
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
                      function: { name: hello, runtime: python3, codeUri: ./code, handler: index.handler }
                """;

        FunctionSpec three = FunctionsDocument.parse(fc3, "s.yaml", dir, Map.of())
                .functions()
                .get(0);
        FunctionSpec two = FunctionsDocument.parse(fc2, "s.yaml", dir, Map.of())
                .functions()
                .get(0);

        assertThat(three.runtime()).isEqualTo(Runtime.PYTHON3);
        assertThat(three.runtimeVersion()).isEqualTo("3.10");
        assertThat(two.runtime()).isEqualTo(Runtime.PYTHON3);
        assertThat(two.runtimeVersion()).isNull();
    }

    @Test
    void stemCellsCanBePython() throws ConfigException {
        FunctionsDocument document =
                documents.parse(python("python3", "./code", "index.handler") + "prewarm: { python3: 2 }\n");

        assertThat(document.prewarm()).containsExactly(Map.entry(Runtime.PYTHON3, 2));
    }
}
