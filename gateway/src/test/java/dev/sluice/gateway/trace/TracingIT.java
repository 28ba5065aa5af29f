package dev.sluice.gateway.trace;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tracing on real Docker: the traceparent reaches the function, and Server-Timing says where the time went. */
class TracingIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER = "00-" + CALLER_TRACE + "-00f067aa0ba902b7-01";

    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        String code = TestFunctions.nodeFunctions().resolve("trace").toString();
        sluice = LocalSluice.deploy(
                """
                functions:
                  event:
                    runtime: nodejs20
                    code: CODE
                    handler: index.handler
                  web:
                    runtime: nodejs20
                    code: CODE
                    handler: index.http
                    triggers:
                      - http: { path: /traced }
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
    void theFirstCallsServerTimingHasTheColdStartAndTheSecondsDoesNot() throws Exception {
        HttpResponse<String> first = invoke("event", CALLER);
        HttpResponse<String> second = invoke("event", null);

        String cold = first.headers().firstValue("server-timing").orElseThrow();
        String warm = second.headers().firstValue("server-timing").orElseThrow();
        assertThat(cold).startsWith("queue;dur=").contains("start;dur=", "function;dur=", "gateway;dur=");
        assertThat(warm)
                .startsWith("queue;dur=")
                .contains("function;dur=", "gateway;dur=")
                .doesNotContain("start;");
        assertThat(JSON.readTree(first.body()).get("context").asText())
                .as("the caller's trace, the gateway's span")
                .startsWith("00-" + CALLER_TRACE + "-")
                .doesNotContain("00f067aa0ba902b7")
                .endsWith("-01");
        assertThat(JSON.readTree(second.body()).get("context").asText())
                .as("a trace started for a call that came without one")
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01")
                .doesNotContain(CALLER_TRACE);
    }

    @Test
    void anHttpTriggersFunctionGetsTheTraceparentHeaderAndTheTimelineIsKept() throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/traced"))
                        .header("traceparent", CALLER)
                        .GET()
                        .build());

        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.get("header").asText()).startsWith("00-" + CALLER_TRACE + "-");
        assertThat(seen.get("context").asText()).isEqualTo(seen.get("header").asText());
        assertThat(response.headers().firstValue("server-timing"))
                .hasValueSatisfying(timing -> assertThat(timing).contains("function;dur="));
        String requestId = response.headers().firstValue("x-fc-request-id").orElseThrow();
        JsonNode timeline = JSON.readTree(
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/invocations/" + requestId))
                                .build())
                        .body());
        assertThat(timeline.get("function").asText()).isEqualTo("web");
        assertThat(timeline.get("traceId").asText()).isEqualTo(CALLER_TRACE);
        assertThat(timeline.get("statusCode").asInt()).isEqualTo(200);
        assertThat(timeline.at("/phasesMs/function").asDouble()).isPositive();
        assertThat(timeline.at("/phasesMs/total").asDouble())
                .isGreaterThanOrEqualTo(timeline.at("/phasesMs/function").asDouble());
    }

    private static HttpResponse<String> invoke(String function, String traceparent) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(sluice.base().resolve("/invoke/" + function))
                .POST(HttpRequest.BodyPublishers.ofString("x"));
        if (traceparent != null) {
            request.header("traceparent", traceparent);
        }
        return sluice.send(request.build());
    }
}
