package dev.sluice.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.Runtime;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Versions and aliases through the management API, on a real gateway with a fake scheduler and real releases. */
class ReleasesHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final FakeScheduler scheduler = new FakeScheduler();
    private final HttpClient http = HttpClient.newHttpClient();
    private GatewayServer gateway;
    private Path code;

    @BeforeEach
    void startTheGateway() throws Exception {
        code = Files.createDirectories(dir.resolve("hello"));
        Files.writeString(code.resolve("index.js"), "one");
        scheduler.deploy(spec());
        Deployer deployer = new Deployer(
                scheduler,
                new DeploymentStore(dir.resolve("home")),
                CodeRoots.of(dir),
                dir,
                SavedDeployment.ofFile(dir.resolve("functions.yml"), "functions: {}\n", Instant.EPOCH));
        gateway = GatewayServer.start(
                "127.0.0.1",
                0,
                scheduler,
                new AdminToken("secret", dir.resolve("admin-token")),
                deployer,
                Duration.ofSeconds(5),
                Readiness.always());
    }

    private FunctionSpec spec() {
        return FunctionSpec.builder("hello", code, "index.handler")
                .runtime(Runtime.NODEJS20)
                .build();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private HttpResponse<String> send(String method, String path, String body, boolean token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token) {
            request.header("Authorization", "Bearer secret");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return send(method, path, body, true);
    }

    private static void assertError(HttpResponse<String> response, int status, String type, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue(type);
        assertThat(response.body()).contains(message);
    }

    @Test
    void publishingNeedsTheTokenAndMakesOneVersionPerChange() throws Exception {
        assertError(
                send("POST", "/system/functions/hello/versions", "", false),
                401,
                "Unauthorized",
                "publishing or deleting a version needs the admin token");

        HttpResponse<String> first = send("POST", "/system/functions/hello/versions", "{\"description\": \"one\"}");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        JsonNode version = JSON.readTree(first.body());
        assertThat(version.path("versionId").asText()).isEqualTo("1");
        assertThat(version.path("description").asText()).isEqualTo("one");
        assertThat(version.path("codeSha256").asText()).hasSize(64);

        assertError(
                send("POST", "/system/functions/hello/versions", ""),
                409,
                "ReleaseConflict",
                "has not changed since version 1");
        Files.writeString(code.resolve("index.js"), "two");
        assertThat(send("POST", "/system/functions/hello/versions", "").statusCode())
                .isEqualTo(201);

        JsonNode list = JSON.readTree(
                send("GET", "/system/functions/hello/versions", "", false).body());
        assertThat(list).extracting(v -> v.path("versionId").asText()).containsExactly("1", "2");
        assertError(send("POST", "/system/functions/nope/versions", ""), 404, "FunctionNotFound", "\"nope\"");
        assertError(
                send("POST", "/system/functions/hello/versions", "[1]"), 400, "InvalidArgument", "not a JSON object");
    }

    @Test
    void anAliasIsCheckedKeptShownAndDeleted() throws Exception {
        send("POST", "/system/functions/hello/versions", "");
        Files.writeString(code.resolve("index.js"), "two");
        send("POST", "/system/functions/hello/versions", "");

        assertError(
                send("PUT", "/system/functions/hello/aliases/prod", "{\"versionId\": \"1\"}", false),
                401,
                "Unauthorized",
                "setting or deleting an alias needs the admin token");
        assertError(
                send("PUT", "/system/functions/hello/aliases/prod", "{\"versionId\": \"7\"}"),
                404,
                "VersionNotFound",
                "has no version 7");
        assertError(
                send(
                        "PUT",
                        "/system/functions/hello/aliases/prod",
                        "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": \"ten\"}}"),
                400,
                "InvalidArgument",
                "additionalVersionWeight.2: \\\"ten\\\" (expected: a share from 0 to 1");
        HttpResponse<String> set = send(
                "PUT",
                "/system/functions/hello/aliases/prod",
                "{\"versionId\": \"1\", \"additionalVersionWeight\": {\"2\": 0.1}, \"description\": \"gray\"}");
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);

        JsonNode prod = JSON.readTree(
                send("GET", "/system/functions/hello/aliases/prod", "", false).body());
        assertThat(prod.path("versionId").asText()).isEqualTo("1");
        assertThat(prod.path("additionalVersionWeight").path("2").asDouble()).isEqualTo(0.1);
        assertThat(prod.path("description").asText()).isEqualTo("gray");
        assertThat(scheduler.target("hello", "prod").version()).isEqualTo("1");

        assertError(
                send("DELETE", "/system/functions/hello/versions/2", ""), 409, "ReleaseConflict", "used by alias prod");
        assertThat(send("DELETE", "/system/functions/hello/aliases/prod", "").statusCode())
                .isEqualTo(200);
        assertThat(send("GET", "/system/functions/hello/aliases", "", false).body())
                .isEqualTo("[]");
        assertError(
                send("GET", "/system/functions/hello/aliases/prod", "", false),
                404,
                "AliasNotFound",
                "no alias \\\"prod\\\"");
        assertThat(send("DELETE", "/system/functions/hello/versions/2", "").statusCode())
                .isEqualTo(200);
    }

    @Test
    void otherMethodsAreNamed() throws Exception {
        assertError(
                send("PATCH", "/system/functions/hello/versions", ""),
                405,
                "MethodNotAllowed",
                "GET|POST .../{name}/versions");
    }
}
