package dev.sluice.gateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live views on real Docker: a burst's scale-out decision reaches an SSE subscriber with its inputs within a
 * second; {@code /metrics} parses as Prometheus text and has every metric docs/metrics.md names; {@code
 * /system/metrics} has the formula with the numbers of the moment.
 */
class MetricsIT {
    /** Surefire and failsafe run in the module directory; the docs are beside it. */
    private static final Path METRICS_DOC =
            Path.of("").toAbsolutePath().resolveSibling("docs").resolve("metrics.md");

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static LocalSluice sluice;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                functions:
                  sleep:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.Sleep::handleRequest
                    memory: 256Mi
                    instanceConcurrency: 2
                    maxInstances: 4
                    timeout: 30s
                  failing-init:
                    runtime: java17
                    code: FUNCTIONS_JAR
                    handler: dev.sluice.testing.functions.FailingInit::handleRequest
                    initializer: dev.sluice.testing.functions.FailingInit::initialize
                """
                        .replace("FUNCTIONS_JAR", TestFunctions.jar().toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void aBurstsScaleOutReachesTheEventStreamWithItsInputsWithinASecond() throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        HttpResponse<Stream<String>> stream = http.send(
                HttpRequest.newBuilder(sluice.base().resolve("/system/events")).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.headers().firstValue("content-type").orElseThrow()).startsWith("text/event-stream");
        Thread reader = new Thread(() -> {
            try {
                stream.body().forEach(lines::add);
            } catch (java.io.UncheckedIOException e) {
                // The gateway closed the stream when it stopped.
            }
        });
        reader.setDaemon(true);
        reader.start();

        long burst = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(sluice.sendAsync("/invoke/sleep", "1500"));
        }
        JsonNode decision = null;
        long deadline = burst + TimeUnit.SECONDS.toNanos(1);
        String previous = "";
        while (decision == null && System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && previous.equals("event: scale") && line.startsWith("data: ")) {
                decision = JSON.readTree(line.substring("data: ".length()));
            }
            previous = line == null ? previous : line;
        }

        assertThat(decision).as("a scale event within a second of the burst").isNotNull();
        assertThat(decision.get("function").asText()).isEqualTo("sleep");
        assertThat(decision.get("direction").asText()).isEqualTo("out");
        assertThat(decision.get("concurrency").asInt()).isEqualTo(2);
        assertThat(decision.has("inFlight") && decision.has("queued") && decision.has("desired"))
                .isTrue();
        assertThat(decision.get("formula").asText()).startsWith("ceil((");
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            assertThat(call.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void theScrapeIsWellFormedPrometheusTextWithEveryDocumentedMetric() throws Exception {
        assertThat(sluice.invoke("sleep", "10").statusCode()).isEqualTo(200);
        assertThat(sluice.invoke("failing-init", "x").statusCode()).isEqualTo(503);

        HttpResponse<String> scrape = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/metrics")).build());
        // An instance's usage is read every 5 s, its CPU from two readings: wait for them, up to 20 s.
        for (int i = 0; i < 200 && !scrape.body().contains("sluice_instance_cpu_ratio{"); i++) {
            Thread.sleep(100);
            scrape = sluice.send(
                    HttpRequest.newBuilder(sluice.base().resolve("/metrics")).build());
        }

        assertThat(scrape.headers().firstValue("content-type").orElseThrow()).startsWith("text/plain; version=0.0.4");
        PrometheusText.Scrape parsed = PrometheusText.parse(scrape.body());
        for (String name : documentedMetrics()) {
            assertThat(parsed.samples().stream().anyMatch(s -> s.name().startsWith(name)))
                    .as("%s in the scrape", name)
                    .isTrue();
        }
        assertThat(parsed.samples("sluice_invocations_total"))
                .anyMatch(s -> s.labels().get("function").equals("sleep")
                        && s.labels().get("outcome").equals("success")
                        && s.value() >= 1);
        assertThat(parsed.samples("sluice_instance_failures_total"))
                .anyMatch(s -> s.labels().get("reason").equals("InitializationError"));
        // A histogram: Prometheus' histogram_quantile() gives p50, p90 and p99 from its buckets.
        assertThat(parsed.types()).containsEntry("sluice_invocation_duration_seconds", "histogram");
        assertThat(parsed.samples("sluice_invocation_duration_seconds_bucket"))
                .anyMatch(s -> s.labels().get("function").equals("sleep")
                        && s.labels().get("le").equals("+Inf"));
        assertThat(parsed.types()).containsKeys("jvm_memory_used_bytes", "netty_eventexecutor_tasks_pending");
    }

    @Test
    void theSnapshotHasTheFormulaWithTodaysNumbers() throws Exception {
        assertThat(sluice.invoke("sleep", "10").statusCode()).isEqualTo(200);

        JsonNode snapshot =
                JSON.readTree(sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/metrics"))
                                .build())
                        .body());

        JsonNode sleep = null;
        for (JsonNode function : snapshot.get("functions")) {
            if (function.get("name").asText().equals("sleep")) {
                sleep = function;
            }
        }
        assertThat(sleep).isNotNull();
        assertThat(sleep.get("formula").asText()).matches("ceil\\(\\(\\d+ \\+ \\d+\\) / 2\\) = \\d+");
        assertThat(sleep.get("instances").size()).isPositive();
        assertThat(sleep.at("/invocations/success").asDouble()).isPositive();
        assertThat(sleep.at("/latencyMs/p50").isNumber()).isTrue();
        assertThat(sleep.at("/lastColdStartMs/total").asLong()).isPositive();
    }

    /** The metric names in docs/metrics.md's table. */
    private static List<String> documentedMetrics() throws Exception {
        List<String> names = new ArrayList<>();
        Matcher row = Pattern.compile("^\\| `(sluice_[a-z_]+)` \\|", Pattern.MULTILINE)
                .matcher(Files.readString(METRICS_DOC));
        while (row.find()) {
            names.add(row.group(1));
        }
        assertThat(names).as("metrics named in %s", METRICS_DOC).hasSizeGreaterThan(5);
        return names;
    }
}
