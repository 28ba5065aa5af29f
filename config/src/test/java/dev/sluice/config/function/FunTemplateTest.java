package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunTemplateTest {
    private static final String TEMPLATE =
            """
            ROSTemplateFormatVersion: '2015-09-01'
            Transform: 'Aliyun::Serverless-2018-04-03'
            Resources:
              todolist:
                Type: 'Aliyun::Serverless::Service'
                Properties:
                  Description: the course's todo list
                rule-faas:
                  Type: 'Aliyun::Serverless::Function'
                  Properties:
                    Handler: rule-faas.handler
                    Initializer: rule-faas.initializer
                    InitializationTimeout: 3
                    Runtime: nodejs10
                    CodeUri: './'
                    Timeout: 5
                    MemorySize: 128
                    InstanceConcurrency: 10
                    EnvironmentVariables: { TABLE_NAME: todos }
                    Role: acs:ram::123:role/fc
                  Events:
                    httpTrigger:
                      Type: HTTP
                      Properties: { AuthType: ANONYMOUS, Methods: [GET, POST, PUT, DELETE] }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void createCode() throws IOException {
        Files.writeString(dir.resolve("rule-faas.js"), "exports.handler = () => {};\n");
    }

    private FunctionsDocument parse(String text) throws ConfigException {
        return FunctionsDocument.parse(text, "template.yml", dir);
    }

    @Test
    void aFunTemplateDeploysAsTheSameModel() throws ConfigException {
        FunctionsDocument document = parse(TEMPLATE);

        FunctionSpec rule = document.function("rule-faas").orElseThrow();
        assertThat(rule.runtime()).isEqualTo(Runtime.NODEJS20);
        assertThat(rule.code()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(rule.handler()).isEqualTo("rule-faas.handler");
        assertThat(rule.initializer()).isEqualTo("rule-faas.initializer");
        assertThat(rule.initializationTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(rule.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(rule.memoryMb()).isEqualTo(128);
        assertThat(rule.instanceConcurrency()).isEqualTo(10);
        assertThat(rule.env()).containsExactly(Map.entry("TABLE_NAME", "todos"));
        assertThat(rule.triggers()).singleElement().satisfies(t -> {
            assertThat(t.path()).isEqualTo("/todolist/rule-faas");
            assertThat(t.methods()).containsExactly("GET", "POST", "PUT", "DELETE");
        });
    }

    @Test
    void cloudOnlySettingsAreNamedAsIgnored() throws ConfigException {
        assertThat(parse(TEMPLATE).notices())
                .containsExactly(
                        "template.yml:6:5: Resources.todolist.Properties: service properties are cloud-only; ignored",
                        "template.yml:20:9: Resources.todolist.rule-faas.Properties.Role: is cloud-only; ignored");
    }

    @Test
    void whatSluiceCannotRunIsAProblemAndNothingDeploys() {
        String text =
                TEMPLATE.replace("Runtime: nodejs10", "Runtime: python2.7").replace("Type: HTTP", "Type: OSS");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));

        assertThat(e).isNotNull();
        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .containsExactly(
                        "template.yml:14:18: Resources.todolist.rule-faas.Properties.Runtime: \"python2.7\" is not"
                                + " supported by Sluice (expected: java8, java11 (run on java17), nodejs* (run on"
                                + " nodejs20), or python3, python3.N (run on python3))",
                        "template.yml:23:17: Resources.todolist.rule-faas.Events.httpTrigger.Type: \"OSS\" events"
                                + " are not supported by Sluice (expected: HTTP or Timer)");
    }
}
