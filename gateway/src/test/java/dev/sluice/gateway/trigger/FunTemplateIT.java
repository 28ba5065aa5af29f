package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Fun template.yml with an HTTP-triggered Node.js function and an initializer, deployed as it is. */
class FunTemplateIT {
    private LocalSluice sluice;

    @AfterEach
    void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void theTemplateDeploysAndServesThroughTheProxyUrlAndItsTriggerPath() throws Exception {
        Path template = TestFunctions.nodeFunctions().resolve("template");
        sluice = LocalSluice.deploy(Files.readString(template.resolve("template.yml")), template);

        HttpResponse<String> viaProxy = get("/2016-08-15/proxy/todolist/rule-faas/api/rule");
        HttpResponse<String> viaPath = get("/todolist/rule-faas");

        assertThat(viaProxy.statusCode()).isEqualTo(200);
        assertThat(viaProxy.body())
                .contains("\"path\":\"/api/rule\"")
                .contains("\"name\":\"first rule\"")
                .contains("\"table\":\"todos\"");
        assertThat(viaPath.statusCode()).isEqualTo(200);
        assertThat(viaPath.body()).contains("\"first rule\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve(path)).build());
    }
}
