package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own image, built locally from a tiny Dockerfile, deployed as a custom-container function. */
class CustomContainerIT {
    private static final String IMAGE = "sluice-test/custom-echo:1";

    @TempDir
    static Path build;

    @TempDir
    Path dir;

    private LocalSluice sluice;

    /** An FC custom runtime in a few lines: the protocol on FC_SERVER_PORT, echoing events. */
    private static final String SERVER =
            """
            const http = require('http');
            const port = Number(process.env.FC_SERVER_PORT);
            http.createServer((req, res) => {
              const chunks = [];
              req.on('data', (c) => chunks.push(c));
              req.on('end', () => {
                if (req.url === '/initialize') return res.end();
                res.end('custom on ' + port + ' says: ' + Buffer.concat(chunks).toString());
              });
            }).listen(port, '0.0.0.0', () => console.log('custom echo listening on ' + port));
            """;

    @BeforeAll
    static void buildImage() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();
        String base = RuntimeImages.fromRunningJdk(docker).ensure("nodejs20");
        Files.writeString(build.resolve("server.js"), SERVER);
        Files.writeString(
                build.resolve("Dockerfile"),
                "FROM " + base + "\n"
                        + "COPY server.js /app/server.js\n"
                        + "ENTRYPOINT [\"/usr/bin/node\", \"/app/server.js\"]\n");
        docker.buildImage(build, IMAGE);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    private static String function(String extra) {
        return "functions:\n  echo:\n    runtime: custom-container\n    image: " + IMAGE + "\n    port: 8080\n" + extra;
    }

    @Test
    void aLocallyBuiltImageServesOnItsOwnPort() throws Exception {
        sluice = LocalSluice.deploy(function(""), dir);

        HttpResponse<String> response = sluice.invoke("echo", "hi");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("custom on 8080 says: hi");
    }

    @Test
    void aContainerThatNeverOpensItsPortFailsWithinTheDeadlineSayingWhy() throws Exception {
        sluice = LocalSluice.deploy(
                function("    command: [/usr/bin/node, -e, \"console.log('listening on 127.0.0.1:8080 only');"
                        + " setInterval(() => {}, 1000)\"]\n"),
                dir,
                Duration.ofSeconds(5));

        HttpResponse<String> response = sluice.invoke("echo", "hi");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .contains("did not listen on port 8080 within 5 s")
                .contains("listening on 127.0.0.1:8080 only");
    }

    @Test
    void anImageThatIsNotOnThisMachineStopsTheDeploySayingHowToBuildIt() {
        Throwable failure =
                catchThrowable(() -> LocalSluice.deploy(function("").replace(IMAGE, "sluice-test/absent:1"), dir));

        assertThat(failure)
                .isInstanceOf(ImageBuildException.class)
                .hasMessageContaining("sluice-test/absent:1, which is not on this machine")
                .hasMessageContaining("docker build -t sluice-test/absent:1 .");
    }
}
