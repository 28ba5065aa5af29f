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

class TimerTriggerTest {
    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() throws IOException {
        documents = new Documents(dir);
        Files.createDirectories(dir.resolve("code"));
        Files.writeString(dir.resolve("code/index.js"), "exports.handler = () => {};\n");
    }

    @Test
    void functionsYmlTimersHaveACronAPayloadAndANameEach() throws ConfigException {
        FunctionSpec spec = documents
                .parse(Documents.withSettings(
                        "triggers:",
                        "  - timer: { cron: \"0 0/5 * * * *\", payload: '{\"task\": \"report\"}' }",
                        "  - timer: { cron: \"@every 2s\", enabled: false }",
                        "  - timer: { name: nightly, cron: \"0 0 2 * * *\", payload: 42 }",
                        "  - http: { path: /hello }"))
                .function("hello")
                .orElseThrow();

        assertThat(spec.timers())
                .extracting(t -> t.name() + " " + t.schedule() + " [" + t.payload() + "] " + t.enabled())
                .containsExactly(
                        "timer 0 0/5 * * * * [{\"task\": \"report\"}] true",
                        "timer-2 @every 2s [] false",
                        "nightly 0 0 2 * * * [42] true");
        assertThat(spec.triggers())
                .singleElement()
                .extracting(HttpTrigger::path)
                .isEqualTo("/hello");
    }

    @Test
    void aBadScheduleIsAProblemAtItsPlace() {
        assertThat(documents.problems(Documents.withSettings(
                        "triggers:",
                        "  - timer: { cron: \"*/5 * * * *\" }",
                        "  - timer: { name: a, cron: \"@every 1m\", enabled: sometimes }",
                        "  - timer: { name: a, cron: \"@every 1m\" }")))
                .containsExactly(
                        "functions.yml:7:24: functions.hello.triggers[0].timer.cron: \"*/5 * * * *\" is not a schedule: a"
                                + " cron expression has six fields here, seconds first (second minute hour day-of-month"
                                + " month day-of-week), e.g. 0 0/5 * * * *",
                        "functions.yml:8:55: functions.hello.triggers[1].timer.enabled: \"sometimes\" is not true or"
                                + " false (expected: true or false)",
                        "functions.yml:9:24: functions.hello.triggers[2].timer.name: \"a\" names another timer of this"
                                + " function already (expected: a name of its own)");
    }

    @Test
    void aFunTemplatesTimerEventIsATimer() throws ConfigException {
        String fun =
                """
                Transform: 'Aliyun::Serverless-2018-04-03'
                Resources:
                  demo:
                    Type: 'Aliyun::Serverless::Service'
                    tick:
                      Type: 'Aliyun::Serverless::Function'
                      Properties: { Handler: index.handler, Runtime: nodejs18, CodeUri: ./code }
                      Events:
                        every-minute:
                          Type: Timer
                          Properties: { CronExpression: '0 * * * * *', Enable: true, Payload: hi }
                """;

        TimerTrigger timer = FunctionsDocument.parse(fun, "template.yml", dir)
                .functions()
                .get(0)
                .timers()
                .get(0);

        assertThat(timer).isEqualTo(new TimerTrigger("every-minute", TimerSchedule.parse("0 * * * * *"), "hi", true));
    }

    @Test
    void bothServerlessDevsEditionsDeclareTimers() throws ConfigException {
        String fc3 =
                """
                edition: 3.0.0
                name: app
                resources:
                  tick:
                    component: fc3
                    props:
                      functionName: tick
                      runtime: nodejs20
                      code: ./code
                      handler: index.handler
                      triggers:
                        - triggerName: hourly
                          triggerType: timer
                          triggerConfig: { cronExpression: '@every 1h', enable: false, payload: '{}' }
                """;
        String fc2 =
                """
                edition: 1.0.0
                name: app
                services:
                  tick:
                    component: fc
                    props:
                      service: { name: demo }
                      function: { name: tick, runtime: nodejs14, codeUri: ./code, handler: index.handler }
                      triggers:
                        - { name: daily, type: timer, config: { cronExpression: 'CRON_TZ=Asia/Shanghai 0 0 8 * * *' } }
                """;

        TimerTrigger fromFc3 = FunctionsDocument.parse(fc3, "s.yaml", dir, Map.of())
                .functions()
                .get(0)
                .timers()
                .get(0);
        TimerTrigger fromFc2 = FunctionsDocument.parse(fc2, "s.yaml", dir, Map.of())
                .functions()
                .get(0)
                .timers()
                .get(0);

        assertThat(fromFc3).isEqualTo(new TimerTrigger("hourly", TimerSchedule.parse("@every 1h"), "{}", false));
        assertThat(fromFc2.name()).isEqualTo("daily");
        assertThat(fromFc2.schedule()).hasToString("CRON_TZ=Asia/Shanghai 0 0 8 * * *");
        assertThat(fromFc2.enabled()).isTrue();
    }
}
