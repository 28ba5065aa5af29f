package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerlessDevsTest {
    private static final String FC3 =
            """
            edition: 3.0.0
            name: my-app
            access: default
            vars:
              region: cn-hangzhou
              memory: 256
            resources:
              hello:
                component: fc3
                props:
                  region: ${vars.region}
                  functionName: hello
                  runtime: nodejs18
                  code: ./code
                  handler: index.handler
                  memorySize: ${vars.memory}
                  timeout: 30
                  cpu: 0.25
                  diskSize: 512
                  instanceConcurrency: 10
                  environmentVariables: { GREETING: "hi from ${vars.region}", HOME_DIR: "${env.SDK_HOME}" }
                  instanceLifecycleConfig:
                    initializer: { handler: index.initializer, timeout: 5 }
                    preStop: { handler: index.preStop, timeout: 4 }
                  logConfig: auto
                  role: acs:ram::123:role/fc
            """;

    private static final String FC2 =
            """
            edition: 1.0.0
            name: my-app
            access: default
            services:
              web:
                component: fc
                props:
                  region: cn-hangzhou
                  service: { name: demo, role: acs:ram::123:role/fc, logConfig: auto }
                  function:
                    name: express
                    runtime: nodejs14
                    codeUri: ./code
                    handler: index.handler
                    memorySize: 128
                    timeout: 60
                    initializer: index.initializer
                    initializationTimeout: 3
                    instanceConcurrency: 10
                    environmentVariables: { KEY: value }
                    instanceLifecycleConfig: { preStop: { handler: index.preStop, timeout: 3 } }
                  triggers:
                    - name: httpTrigger
                      type: http
                      config: { authType: anonymous, methods: [GET, POST] }
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void createCode() throws IOException {
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("code/index.js"), "exports.handler = () => {};\n");
    }

    private FunctionsDocument parse(String text) throws ConfigException {
        return FunctionsDocument.parse(text, "s.yaml", dir, Map.of("SDK_HOME", "/opt/sdk"));
    }

    @Test
    void anFc3FunctionMapsOntoTheModelWithItsVariablesResolved() throws ConfigException {
        FunctionSpec hello = parse(FC3).functions().get(0);

        assertThat(hello.name()).isEqualTo("hello");
        assertThat(hello.runtime()).isEqualTo(Runtime.NODEJS20);
        assertThat(hello.code()).isEqualTo(dir.resolve("code"));
        assertThat(hello.handler()).isEqualTo("index.handler");
        assertThat(hello.memoryMb()).as("${vars.memory} keeps its type").isEqualTo(256);
        assertThat(hello.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(hello.cpu()).isEqualTo(0.25);
        assertThat(hello.diskSizeMb()).isEqualTo(512);
        assertThat(hello.instanceConcurrency()).isEqualTo(10);
        assertThat(hello.env())
                .containsExactly(Map.entry("GREETING", "hi from cn-hangzhou"), Map.entry("HOME_DIR", "/opt/sdk"));
        assertThat(hello.initializer()).isEqualTo("index.initializer");
        assertThat(hello.initializationTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(hello.preStop()).isEqualTo("index.preStop");
        assertThat(hello.preStopTimeout()).isEqualTo(Duration.ofSeconds(4));
    }

    @Test
    void cloudOnlySettingsAreNamedInOneNoticeAndTheRuntimeNoteInAnother() throws ConfigException {
        List<String> notices = parse(FC3).notices();

        assertThat(notices.get(0))
                .isEqualTo("s.yaml: cloud-only settings, ignored here: access (3:1), resources.hello.props.region"
                        + " (11:7), resources.hello.props.logConfig (25:7), resources.hello.props.role (26:7)");
        assertThat(notices).contains("s.yaml:13:16: resources.hello.props.runtime: nodejs18 runs on nodejs20 here");
    }

    @Test
    void anFc2FunctionMapsOntoTheModelMountedAtItsServiceAndName() throws ConfigException {
        FunctionsDocument document = parse(FC2);
        FunctionSpec express = document.functions().get(0);

        assertThat(express.name()).isEqualTo("express");
        assertThat(express.memoryMb()).isEqualTo(128);
        assertThat(express.timeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(express.initializer()).isEqualTo("index.initializer");
        assertThat(express.preStop()).isEqualTo("index.preStop");
        assertThat(express.env()).containsExactly(Map.entry("KEY", "value"));
        assertThat(express.triggers())
                .containsExactly(new HttpTrigger("/demo/express", java.util.Set.of("GET", "POST"), true, false));
        assertThat(document.notices().get(0))
                .contains("access (3:1)")
                .contains("services.web.props.region (8:7)")
                .contains("services.web.props.service.role")
                .contains("services.web.props.service.logConfig");
    }

    @Test
    void anFc3CustomContainerTakesEntrypointAndCommandAndAnHttpTriggerMountsIt() throws ConfigException {
        FunctionSpec app = parse(
                        """
                        edition: 3.0.0
                        resources:
                          app:
                            component: fc3
                            props:
                              runtime: custom-container
                              customContainerConfig:
                                image: my/app:1
                                entrypoint: [node]
                                command: [server.js]
                                port: 8080
                              triggers:
                                - triggerName: http
                                  triggerType: http
                                  triggerConfig: { authType: function, methods: [GET] }
                        """)
                .functions()
                .get(0);

        assertThat(app.name()).as("the resource id when functionName is absent").isEqualTo("app");
        assertThat(app.container())
                .isEqualTo(new CustomContainer("my/app:1", 8080, List.of("node"), List.of("server.js")));
        assertThat(app.triggers()).containsExactly(new HttpTrigger("/app", java.util.Set.of("GET"), true, false));
    }

    @Test
    void anFc2CommandWrittenAsAJsonStringIsAList() throws ConfigException {
        FunctionSpec app = parse(
                        """
                        edition: 1.0.0
                        services:
                          app:
                            component: fc
                            props:
                              service: { name: demo }
                              function:
                                name: app
                                runtime: custom-container
                                caPort: 9000
                                customContainerConfig: { image: my/app:1, command: '["node"]', args: '["server.js"]' }
                        """)
                .functions()
                .get(0);

        assertThat(app.container())
                .isEqualTo(new CustomContainer("my/app:1", 9000, List.of("node"), List.of("server.js")));
    }

    @Test
    void fourMistakesAreReportedTogetherWithTheirPlaces() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> parse(
                        """
                        edition: 3.0.0
                        resources:
                          hello:
                            component: fc3
                            props:
                              runtime: php7.2
                              code: ./missing
                              handler: index.handler
                              memorySize: lots
                              asyncInvokeConfig: { maxAsyncRetryAttempts: 0 }
                        """));

        assertThat(e.problems())
                .extracting(ConfigProblem::line, ConfigProblem::column)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(6, 16),
                        org.assertj.core.groups.Tuple.tuple(7, 13),
                        org.assertj.core.groups.Tuple.tuple(9, 19),
                        org.assertj.core.groups.Tuple.tuple(10, 7));
        assertThat(e.getMessage())
                .contains("s.yaml:10:7: resources.hello.props.asyncInvokeConfig: is not supported by Sluice")
                .contains("s.yaml:6:16: resources.hello.props.runtime: \"php7.2\": not supported")
                .contains("s.yaml:7:13: resources.hello.props.code: \"./missing\" not found")
                .contains("s.yaml:9:19: resources.hello.props.memorySize: \"lots\" is not")
                .contains("4 problems; nothing was started.");
    }

    @Test
    void anFc2FunctionWhoseCodeUriIsMissingIsAProblemNotACrash() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> parse(FC2.replace("codeUri: ./code", "codeUri: ./missing")));

        assertThat(e.problems())
                .extracting(ConfigProblem::toString)
                .singleElement()
                .asString()
                .startsWith("s.yaml:13:18: services.web.props.function.codeUri: \"./missing\" not found at ");
    }

    @Test
    void anUnresolvableReferenceIsAProblemAtItsPlace() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> parse(
                        """
                        edition: 3.0.0
                        resources:
                          hello:
                            component: fc3
                            props:
                              runtime: nodejs20
                              code: ./code
                              handler: index.handler
                              environmentVariables: { A: "${env.NOT_SET}", B: "${vars.none}", C: "${secret}" }
                        """));

        assertThat(e.getMessage())
                .contains("s.yaml:9:34: resources.hello.props.environmentVariables.A: ${env.NOT_SET}: the environment"
                        + " variable NOT_SET is not set")
                .contains("${vars.none}: there is no vars.none in this file")
                .contains("${secret} cannot be resolved locally");
    }

    @Test
    void aReferenceToAnotherResourceReadsItsProps() throws ConfigException {
        FunctionsDocument document = parse(
                """
                edition: 3.0.0
                resources:
                  first:
                    component: fc3
                    props: { functionName: first, runtime: nodejs20, code: ./code, handler: index.handler, timeout: 9 }
                  second:
                    component: fc3
                    props:
                      functionName: second
                      runtime: nodejs20
                      code: ./code
                      handler: index.handler
                      timeout: ${resources.first.props.timeout}
                """);

        assertThat(document.functions())
                .extracting(FunctionSpec::timeout)
                .containsExactly(Duration.ofSeconds(9), Duration.ofSeconds(9));
    }

    @Test
    void anUnknownEditionIsRefused() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse("edition: 2.0.0\nresources: {}\n"));

        assertThat(e.getMessage())
                .contains("s.yaml:1:10: edition: \"2.0.0\" is not an edition Sluice reads (expected: 3.0.0 for FC 3.0,"
                        + " or 1.0.0 for FC 2.0)");
    }
}
