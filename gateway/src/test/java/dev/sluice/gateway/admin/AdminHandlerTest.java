package dev.sluice.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.deployment.DeploymentStore;
import dev.sluice.gateway.deployment.SavedDeployment;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.server.Readiness;
import dev.sluice.testing.FakeScheduler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code PUT} and {@code DELETE /system/functions} through the deployer, on a real gateway with a fake scheduler. */
class AdminHandlerTest {
    private static final String FILE =
            "functions:\n  hello:\n    runtime: java17\n    code: ./hello.jar\n    handler: example.Hello::handle\n";

    @TempDir
    Path dir;

    private final FakeScheduler scheduler = new FakeScheduler();
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayServer gateway;
    private DeploymentStore store;
    private Deployer deployer;

    @BeforeEach
    void startTheGateway() throws Exception {
        Files.write(dir.resolve("hello.jar"), new byte[0]);
        store = new DeploymentStore(dir.resolve("home"));
        deployer = new Deployer(
                scheduler,
                store,
                CodeRoots.of(dir),
                dir,
                SavedDeployment.ofFile(dir.resolve("functions.yml"), FILE, Instant.EPOCH));
        gateway = GatewayServer.start(
                "127.0.0.1",
                0,
                scheduler,
                new AdminToken("secret", dir.resolve("admin-token")),
                deployer,
                Duration.ofSeconds(5),
                Readiness.always());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                        .header("Authorization", "Bearer secret")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private List<String> deployed() {
        return scheduler.deployed().stream().map(FunctionSpec::name).toList();
    }

    @Test
    void changesBeforeTheStartupDeploymentIsInPlaceAreRefusedWith503AndRetryAfter() throws Exception {
        HttpResponse<String> put = send("PUT", "/system/functions", FILE.replace("hello:", "web:"));
        HttpResponse<String> delete = send("DELETE", "/system/functions/hello", "");

        assertThat(put.statusCode()).isEqualTo(503);
        assertThat(put.headers().firstValue("X-Fc-Error-Type")).hasValue("ServiceUnavailable");
        assertThat(put.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(put.body()).contains("sluice up is still putting its startup deployment in place");
        assertThat(delete.statusCode()).isEqualTo(503);
        assertThat(deployed()).isEmpty();
        assertThat(store.read()).isEmpty();
    }

    @Test
    void anAcceptedPutIsKeptBeforeItIsAnswered() throws Exception {
        deployer.start(SavedDeployment.ofFile(dir.resolve("functions.yml"), FILE, Instant.EPOCH)
                .document(CodeRoots.of(dir)));

        HttpResponse<String> put = send("PUT", "/system/functions", FILE.replace("hello:", "web:"));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(deployed()).containsExactly("web");
        assertThat(store.read().orElseThrow().text()).isEqualTo(FILE.replace("hello:", "web:"));
    }

    @Test
    void aChangeThatRunsButCannotBeKeptIsAnsweredWith500SayingSo() throws Exception {
        deployer.start(SavedDeployment.ofFile(dir.resolve("functions.yml"), FILE, Instant.EPOCH)
                .document(CodeRoots.of(dir)));
        // The store's directory cannot be made where a file is in the way.
        Files.createDirectories(dir.resolve("home"));
        Files.writeString(dir.resolve("home/deployment"), "in the way");

        HttpResponse<String> put = send("PUT", "/system/functions", FILE.replace("hello:", "web:"));
        HttpResponse<String> delete = send("DELETE", "/system/functions/web", "");

        assertThat(put.statusCode()).isEqualTo(500);
        assertThat(put.headers().firstValue("X-Fc-Error-Type")).hasValue("InternalError");
        assertThat(put.body())
                .contains("deployed, but the deployment could not be kept in " + store.file())
                .contains("so a restart of sluice up would not restore it");
        assertThat(delete.statusCode()).isEqualTo(500);
        assertThat(delete.body())
                .contains("\\\"web\\\" was removed, but the removal could not be kept")
                .contains("a restart of sluice up would bring it back");
        assertThat(deployed()).as("both changes took effect").isEmpty();
    }
}
