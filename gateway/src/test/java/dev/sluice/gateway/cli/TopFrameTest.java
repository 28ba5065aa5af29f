package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TopFrameTest {
    /** The {@code GET /system/metrics} contract, as the gateway documents it. */
    static final String METRICS =
            """
            {"time": "2026-11-25T15:00:00Z", "functions": [{"name": "todo", "instanceConcurrency": 10,
              "maxInstances": 10, "inFlight": 11, "queued": 0, "desired": 2, "formula": "ceil(11 / 10) = 2",
              "instances": [{"id": "todo-1", "state": "READY", "slotsInUse": 10, "slots": 10},
                            {"id": "todo-2", "state": "STARTING", "slotsInUse": 1, "slots": 10}],
              "invocations": {"success": 120, "FunctionTimeout": 3}, "latencyMs": {"p50": 2.1, "p90": 5.0, "p99": 12.0}}],
             "services": [{"name": "todo-db", "state": "RUNNING", "endpoint": "127.0.0.1:32886", "restarts": 0}]}
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rendersEachFunctionWithItsFormulaInstancesInvocationsAndLatencyThenServices() throws Exception {
        assertThat(TopFrame.render(JSON.readTree(METRICS), "http://127.0.0.1:8080"))
                .containsExactly(
                        "sluice top  http://127.0.0.1:8080  2026-11-25T15:00:00Z",
                        "",
                        "todo  in-flight 11 / capacity 20, queued 0, ceil(11 / 10) = 2",
                        "  todo-1  READY     [##########] 10/10",
                        "  todo-2  STARTING  [#.........] 1/10",
                        "  invocations ok 120, error 3 (FunctionTimeout 3)",
                        "  latency p50 2.1 ms, p90 5.0 ms, p99 12.0 ms",
                        "",
                        "services",
                        "  todo-db  RUNNING  127.0.0.1:32886  restarts 0");
    }

    @Test
    void leavesOutWhatTheGatewayDoesNotSend() throws Exception {
        JsonNode metrics =
                JSON.readTree("{\"functions\": [{\"name\": \"hello\", \"inFlight\": 0, \"instances\": []}]}");

        assertThat(TopFrame.render(metrics, "http://h:1"))
                .containsExactly("sluice top  http://h:1  ", "", "hello  in-flight 0 / capacity 0, queued 0");
    }

    @Test
    void saysSoWhenNothingIsDeployed() throws Exception {
        assertThat(TopFrame.render(JSON.readTree("{\"functions\": [], \"services\": []}"), "http://h:1"))
                .endsWith("no functions deployed");
    }

    @Test
    void barHasOneCellPerSlotUpToTwentyAndShowsAnyUse() {
        assertThat(TopFrame.bar(0, 10)).isEqualTo("[..........]");
        assertThat(TopFrame.bar(3, 10)).isEqualTo("[###.......]");
        assertThat(TopFrame.bar(30, 100)).isEqualTo("[######..............]");
        assertThat(TopFrame.bar(1, 100)).isEqualTo("[#...................]");
        assertThat(TopFrame.bar(100, 100)).isEqualTo("[####################]");
        assertThat(TopFrame.bar(0, 0)).isEqualTo("[]");
    }
}
