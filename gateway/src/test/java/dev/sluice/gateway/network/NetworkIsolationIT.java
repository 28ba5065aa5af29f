package dev.sluice.gateway.network;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.api.InstanceView;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Functions are kept apart on real Docker: an instance reaches the services by name, and no address of another
 * function's instance, whether it was specialized from a stem cell ({@code cell}, nodejs20 with a cell prewarmed) or
 * started as a container of its own ({@code own}, a custom runtime, which has no cells).
 */
class NetworkIsolationIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                prewarm: { nodejs20: 1 }
                services:
                  greeter:
                    runtime: nodejs20
                    code: REACH
                    command: [node, /code/server.js]
                    port: 7000
                functions:
                  cell:
                    runtime: nodejs20
                    code: REACH
                    handler: index.handler
                  own:
                    runtime: custom
                    code: REACH
                """
                        .replace(
                                "REACH",
                                TestFunctions.nodeFunctions().resolve("reach").toString()),
                dir);
        awaitACell();
    }

    private static void awaitACell() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (sluice.stemCellsReady() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining())
                    .as("containers and networks left")
                    .isEmpty();
        }
    }

    private static String reach(String from, String host, int port) throws IOException, InterruptedException {
        HttpResponse<String> response = sluice.invoke(from, "{\"host\":\"" + host + "\",\"port\":" + port + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    /** Returns every address of the instance's container, one per network it is on. */
    private static List<String> addressesOf(InstanceView instance) throws IOException, InterruptedException {
        Process inspect = new ProcessBuilder(
                        "docker",
                        "inspect",
                        "-f",
                        "{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}",
                        String.valueOf(instance.containerId()))
                .redirectErrorStream(true)
                .start();
        String out = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(inspect.waitFor()).as(out).isZero();
        return Arrays.asList(out.split(" ", -1));
    }

    @Test
    void bothKindsOfInstanceReachTheServiceByName() throws Exception {
        assertThat(reach("cell", "greeter", 7000)).isEqualTo("open");
        assertThat(reach("own", "greeter", 7000)).isEqualTo("open");
        assertThat(sluice.instances("cell").get(0).coldStart().isFromStemCell()).isTrue();
        assertThat(sluice.instances("own").get(0).coldStart().isFromStemCell()).isFalse();
    }

    @Test
    void noFunctionReachesAnotherFunctionsInstanceOnAnyOfItsAddresses() throws Exception {
        reach("cell", "greeter", 7000);
        reach("own", "greeter", 7000);
        List<String> cellAddresses = addressesOf(sluice.instances("cell").get(0));
        List<String> ownAddresses = addressesOf(sluice.instances("own").get(0));
        assertThat(cellAddresses).as("the cells' network and the function's").hasSize(2);
        assertThat(ownAddresses).hasSize(1);
        assertThat(sluice.instances("own").get(0).address())
                .as("calls skip the engine's proxy on this Linux host")
                .isEqualTo(ownAddresses.get(0) + ":9000");

        for (String address : ownAddresses) {
            assertThat(reach("cell", address, 9000))
                    .as("cell -> own at " + address)
                    .startsWith("unreachable");
        }
        for (String address : cellAddresses) {
            assertThat(reach("own", address, 9000))
                    .as("own -> cell at " + address)
                    .startsWith("unreachable");
        }
    }

    @Test
    void aSpecializedCellCannotReachTheStemCellsStillWaiting() throws Exception {
        reach("cell", "greeter", 7000);
        String instance = String.valueOf(sluice.instances("cell").get(0).containerId());
        awaitACell(); // the one taken is replaced in the background
        List<String> waiting = sluice.containers().stream()
                .filter(id -> !id.equals(instance))
                .filter(id -> sluice.docker()
                        .containersLabelled("sluice.stem-cell", "true")
                        .contains(id))
                .toList();
        assertThat(waiting).as("the replacement cell").isNotEmpty();

        for (String cell : waiting) {
            String address = sluice.docker().endpoint(cell, 9000).internalIp();
            assertThat(reach("cell", address, 9000)).as("cell -> waiting cell").startsWith("unreachable");
        }
    }
}
