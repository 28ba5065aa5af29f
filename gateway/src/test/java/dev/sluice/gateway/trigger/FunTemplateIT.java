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

/** Fun template.yml files with an HTTP-triggered function and an initializer, deployed as they are. */
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

    @Test
    void aPythonTemplateFunctionServesAsAWsgiApplication() throws Exception {
        Path template = TestFunctions.pythonFunctions().resolve("template");
        sluice = LocalSluice.deploy(Files.readString(template.resolve("template.yml")), template);

        HttpResponse<String> viaProxy = get("/2016-08-15/proxy/todolist/rules/api/rule");

        assertThat(viaProxy.statusCode()).isEqualTo(200);
        assertThat(viaProxy.body())
                .isEqualTo("{\"path\":\"/api/rule\",\"rules\":[{\"name\":\"first rule\",\"table\":\"todos\"}]}");
        boolean otherPython = !sluice.runtimeVersion("rules").startsWith("3.9.");
        assertThat(sluice.events.stream()
                        .anyMatch(line -> line.contains("asks for python3.9 and runs on this machine's")))
                .as("a note at deploy exactly when the machine's Python is not 3.9")
                .isEqualTo(otherPython);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve(path)).build());
    }
}
