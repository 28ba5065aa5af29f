package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceState;
import dev.sluice.scheduler.api.InstanceView;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scaling on real Docker: ceil(n / c) under a burst, idle reclaim, OOM kills, and a redeploy under load. */
class ScalingIT {
    @TempDir
    Path dir;

    private LocalSluice sluice;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining())
                    .as("containers left after close")
                    .isEmpty();
        }
    }

    @Test
    void fortyConcurrentRequestsAtConcurrencyFourRunOnExactlyTenInstancesAndEveryOneIsReclaimedWhenIdle()
            throws Exception {
        sluice = LocalSluice.deploy(
                function("sleep", "Sleep", "instanceConcurrency: 4", "timeout: 30s", "idleTimeout: 15s"), dir);

        List<HttpResponse<String>> responses = all(burst("sleep", "500", 40));

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
        assertThat(responses).extracting(HttpResponse::body).containsOnly("slept 500 ms");
        assertThat(sluice.instances("sleep")).hasSize(10);
        // Instances that came up first may have served every request; the rest still finish starting.
        assertThat(awaitInstances("sleep", 10, Duration.ofSeconds(60)))
                .hasSize(10)
                .allMatch(i -> i.state() == InstanceState.READY);
        // Every one, including those that became READY after the burst and never served a call, goes once idle for
        // idleTimeout (15 s) since its last call or since it became READY; a few seconds more for the removals.
        assertThat(awaitInstances("sleep", 0, Duration.ofSeconds(15 + 10)))
                .as("instances left after idleTimeout")
                .isEmpty();
        assertThat(sluice.awaitContainers(0)).isEmpty();
    }

    @Test
    void afterTheIdleTimeoutThePoolIsBackAtItsReservedInstances() throws Exception {
        sluice = LocalSluice.deploy(
                function("sleep", "Sleep", "instanceConcurrency: 1", "minInstances: 1", "idleTimeout: 3s"), dir);
        all(burst("sleep", "300", 3));
        assertThat(sluice.instances("sleep")).hasSize(3);

        List<InstanceView> settled = awaitInstances("sleep", 1, Duration.ofSeconds(30));

        assertThat(settled).singleElement().satisfies(i -> assertThat(i.reserved())
                .isTrue());
        assertThat(sluice.awaitContainers(1)).hasSize(1);
    }

    @Test
    void anOomKilledInstanceIsReportedAsSuchAndReplaced() throws Exception {
        sluice = LocalSluice.deploy(
                function("hog", "MemoryHog", "memory: 128Mi", "minInstances: 1", "timeout: 30s"), dir);
        awaitInstances("hog", 1, Duration.ofSeconds(60));
        String before = sluice.instances("hog").get(0).id();

        HttpResponse<String> killed = sluice.invoke("hog", "400");

        assertThat(killed.statusCode()).isEqualTo(502);
        assertThat(killed.headers().firstValue("X-Fc-Error-Type")).hasValue("InstanceCrashed");
        assertThat(killed.body()).contains(before).contains("OOMKilled");
        List<InstanceView> replaced = awaitReady("hog", Duration.ofSeconds(60));
        assertThat(replaced).singleElement().satisfies(i -> assertThat(i.id()).isNotEqualTo(before));
        assertThat(sluice.awaitRemoved(before)).isTrue();
        assertThat(sluice.invoke("hog", "8").body()).isEqualTo("kept 8 MB");
    }

    @Test
    void aRedeployUnderLoadDropsNoRequest() throws Exception {
        sluice = LocalSluice.deploy(function("sleep", "Sleep", "instanceConcurrency: 4", "minInstances: 1"), dir);
        awaitReady("sleep", Duration.ofSeconds(60));
        ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 6; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < until) {
                    statuses.add(sluice.invoke("sleep", "100").statusCode());
                }
                return null;
            }));
        }
        Thread.sleep(2000);

        HttpResponse<String> put =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/functions"))
                        .header("Authorization", "Bearer test-token")
                        .PUT(HttpRequest.BodyPublishers.ofString(function(
                                "sleep", "Sleep", "instanceConcurrency: 4", "minInstances: 1", "env: {V: '2'}")))
                        .build());
        for (Future<?> client : running) {
            client.get();
        }
        clients.shutdown();

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(statuses).hasSizeGreaterThan(50).containsOnly(200);
        assertThat(sluice.instances("sleep")).isNotEmpty();
    }

    /** Returns a document with one test function, at most 20 instances, and {@code settings} added. */
    private String function(String name, String handlerClass, String... settings) {
        StringBuilder yaml = new StringBuilder("functions:\n  " + name + ":\n    runtime: java17\n    code: "
                + TestFunctions.jar() + "\n    handler: dev.sluice.testing.functions." + handlerClass
                + "::handleRequest\n    maxInstances: 20\n");
        for (String setting : settings) {
            yaml.append("    ").append(setting).append('\n');
        }
        return yaml.toString();
    }

    private List<CompletableFuture<HttpResponse<String>>> burst(String function, String body, int n) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(sluice.base().resolve("/invoke/" + function))
                            .timeout(Duration.ofSeconds(90))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return calls;
    }

    private static List<HttpResponse<String>> all(List<CompletableFuture<HttpResponse<String>>> calls) {
        return calls.stream().map(CompletableFuture::join).toList();
    }

    /** Polls until the function has exactly {@code count} instances, all READY; returns them (or what there is). */
    private List<InstanceView> awaitInstances(String function, int count, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<InstanceView> now = sluice.instances(function);
        while (System.nanoTime() < deadline
                && !(now.size() == count && now.stream().allMatch(i -> i.state() == InstanceState.READY))) {
            Thread.sleep(100);
            now = sluice.instances(function);
        }
        return now;
    }

    private List<InstanceView> awaitReady(String function, Duration timeout) throws InterruptedException {
        return awaitInstances(function, 1, timeout);
    }
}
