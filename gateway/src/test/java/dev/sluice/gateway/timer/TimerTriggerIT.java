package dev.sluice.gateway.timer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Timer triggers on real Docker: a function called with FC's timer event on schedule, never twice at once. */
class TimerTriggerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        String code = TestFunctions.nodeFunctions().resolve("timer").toString();
        sluice = LocalSluice.deploy(
                """
                functions:
                  tick:
                    runtime: nodejs20
                    code: CODE
                    handler: index.handler
                    instanceConcurrency: 5
                    maxInstances: 1
                    triggers:
                      - timer: { cron: "@every 2s", payload: "0" }
                  slow:
                    runtime: nodejs20
                    code: CODE
                    handler: index.handler
                    instanceConcurrency: 5
                    maxInstances: 1
                    timeout: 10s
                    triggers:
                      - timer: { name: slow, cron: "@every 2s", payload: "3000" }
                      - timer: { name: never, cron: "@every 1s", enabled: false }
                """
                        .replace("CODE", code),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void anEveryTwoSecondsTimerRunsItsFunctionEveryTwoSecondsWithFcsTimerEvent() throws Exception {
        List<JsonNode> runs = awaitRuns("tick", 4);

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.get("triggerName").asText()).isEqualTo("timer");
            assertThat(run.get("payload").asText()).isEqualTo("0");
        });
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(triggerTime(runs.get(i - 1)), triggerTime(runs.get(i))))
                    .as("from one trigger time to the next")
                    .isEqualTo(Duration.ofSeconds(2));
        }
    }

    @Test
    void aRunLongerThanTheIntervalIsNeverOverlappedByTheNext() throws Exception {
        List<JsonNode> runs = awaitRuns("slow", 3);

        for (int i = 1; i < runs.size(); i++) {
            JsonNode previous = runs.get(i - 1);
            JsonNode next = runs.get(i);
            assertThat(next.get("start").asLong())
                    .as("run %d starts after run %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(previous.get("end").asLong());
            long seconds =
                    Duration.between(triggerTime(previous), triggerTime(next)).toSeconds();
            assertThat(seconds)
                    .as("a 3 s run skips the times due while it goes (one, two with the first run's cold start)")
                    .isIn(4L, 6L);
        }
        assertThat(runs).noneMatch(run -> run.get("triggerName").asText().equals("never"));
    }

    /** Waits (up to 60 s) until {@code function} has recorded {@code count} finished runs; returns them. */
    private static List<JsonNode> awaitRuns(String function, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<JsonNode> finished = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            finished.clear();
            for (JsonNode run : JSON.readTree(sluice.invoke(function, "report").body())) {
                if (run.has("end")) {
                    finished.add(run);
                }
            }
            if (finished.size() >= count) {
                return finished;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(function + " ran " + finished.size() + " times, expected " + count);
    }

    private static Instant triggerTime(JsonNode run) {
        return Instant.parse(run.get("triggerTime").asText());
    }
}
