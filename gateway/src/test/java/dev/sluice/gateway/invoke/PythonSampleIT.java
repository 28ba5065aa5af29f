package dev.sluice.gateway.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tutorial's Python hello ({@code sample-functions/hello-python/functions.yml}) deployed as the file says. */
class PythonSampleIT {
    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        Path sample = TestFunctions.samples().resolve("hello-python");
        sluice = LocalSluice.deploy(Files.readString(sample.resolve("functions.yml")), sample);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void theEventFunctionGreetsAfterItsInitializer() throws Exception {
        HttpResponse<String> response = sluice.invoke("hello-py", "Ada");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("Hello, Ada! (instance initialized at 20");
    }

    @Test
    void theHttpFunctionAnswersOnItsPath() throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/hello?name=Bo"))
                        .GET()
                        .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
        assertThat(response.body()).isEqualTo("Hi, Bo! (GET /hello)\n");
    }
}
