package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.NpmApps;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A common real-world Node.js HTTP function, unchanged: an Express app behind {@code @webserverless/fc-express} (its
 * {@code node_modules} installed by npm next to it), which listens on a Unix socket under {@code /tmp}.
 */
class ExpressAppIT {
    @TempDir
    Path dir;

    private static Path app;
    private LocalSluice sluice;

    @BeforeAll
    static void install() throws Exception {
        DockerEngine.connectOrSkip();
        app = NpmApps.installed("express");
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void servesStaticFilesAndJsonThroughAnHttpTrigger() throws Exception {
        sluice = LocalSluice.deploy(
                """
                functions:
                  express:
                    runtime: nodejs20
                    code: APP
                    handler: index.handler
                    timeout: 10s
                    triggers:
                      - http: { path: / }
                """
                        .replace("APP", app.toString()),
                dir);

        assertServesTheApp(sluice, "");
    }

    @Test
    void theSameAppFromAnFc2SYamlIsMountedAtItsServiceAndFunction() throws Exception {
        sluice = LocalSluice.deploy(
                """
                edition: 1.0.0
                name: express-app
                access: default
                services:
                  web:
                    component: fc
                    props:
                      region: cn-hangzhou
                      service: { name: demo, logConfig: auto }
                      function:
                        name: express
                        runtime: nodejs14
                        codeUri: APP
                        handler: index.handler
                        memorySize: 256
                        timeout: 10
                      triggers:
                        - name: httpTrigger
                          type: http
                          config: { authType: anonymous, methods: [GET, POST] }
                """
                        .replace("APP", app.toString()),
                dir);

        assertServesTheApp(sluice, "/demo/express");
        // And through FC 2.0's own URL for it.
        assertServesTheApp(sluice, "/2016-08-15/proxy/demo/express");
    }

    @Test
    void theSameAppFromAnFc3SYamlRunsAsACustomRuntimeMountedAtItsName() throws Exception {
        sluice = LocalSluice.deploy(
                """
                edition: 3.0.0
                name: express-app
                access: default
                resources:
                  express:
                    component: fc3
                    props:
                      region: cn-hangzhou
                      functionName: express
                      runtime: custom.debian10
                      code: APP
                      handler: index.handler
                      memorySize: 256
                      timeout: 10
                      customRuntimeConfig: { command: [node], args: [server.js], port: 9000 }
                      triggers:
                        - triggerName: httpTrigger
                          triggerType: http
                          triggerConfig: { authType: anonymous, methods: [GET, POST] }
                """
                        .replace("APP", app.toString()),
                dir);

        assertServesTheApp(sluice, "/express");
    }

    /** Checks the page, its stylesheet and both API routes under {@code prefix} (empty for the root). */
    static void assertServesTheApp(LocalSluice sluice, String prefix) throws Exception {
        HttpResponse<String> page = get(sluice, prefix + "/");
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).contains("html"));
        assertThat(page.body()).contains("<h1>Express on Sluice</h1>");
        HttpResponse<String> css = get(sluice, prefix + "/style.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).contains("css"));

        HttpResponse<String> hello = get(sluice, prefix + "/api/hello?name=sluice");
        assertThat(hello.statusCode()).isEqualTo(200);
        assertThat(hello.body()).contains("\"hello\":\"sluice\"").contains("\"path\":\"/api/hello\"");

        HttpResponse<String> echo =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve(prefix + "/api/echo"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"todo\":\"write tests\"}"))
                        .build());
        assertThat(echo.statusCode()).isEqualTo(201);
        assertThat(echo.body()).isEqualTo("{\"received\":{\"todo\":\"write tests\"}}");
    }

    private static HttpResponse<String> get(LocalSluice sluice, String path) throws Exception {
        return sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve(path)).GET().build());
    }
}
