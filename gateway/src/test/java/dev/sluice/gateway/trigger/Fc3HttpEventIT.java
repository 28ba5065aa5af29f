package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An FC 3.0 s.yaml's HTTP trigger in front of an event handler: FC 3.0's HTTP event in, its answer object out; the
 * same handler in Node.js ({@code greeter}) and Python ({@code pygreeter}).
 */
class Fc3HttpEventIT {
    @TempDir
    static Path dir;

    private static LocalSluice sluice;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void deploy() throws Exception {
        sluice = LocalSluice.deploy(
                """
                edition: 3.0.0
                name: events
                vars: { region: cn-hangzhou }
                resources:
                  greeter:
                    component: fc3
                    props:
                      region: ${vars.region}
                      functionName: greeter
                      runtime: nodejs20
                      code: CODE
                      handler: index.handler
                      memorySize: 128
                      timeout: 10
                      triggers:
                        - triggerName: http
                          triggerType: http
                          triggerConfig: { authType: anonymous, methods: [GET, POST] }
                  pygreeter:
                    component: fc3
                    props:
                      functionName: pygreeter
                      runtime: python3.10
                      code: PYTHON_CODE
                      handler: index.handler
                      triggers:
                        - triggerName: http
                          triggerType: http
                          triggerConfig: { authType: anonymous, methods: [GET, POST] }
                """
                        .replace(
                                "PYTHON_CODE",
                                TestFunctions.pythonFunctions()
                                        .resolve("fc3-event")
                                        .toString())
                        .replace(
                                "CODE",
                                TestFunctions.nodeFunctions()
                                        .resolve("fc3-event")
                                        .toString()),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "pygreeter"})
    void theHandlerGetsTheEventAndItsAnswerObjectIsTheResponse(String function) throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/" + function + "/a/b?x=1&x=2&y=z"))
                        .header("Cookie", "k=v")
                        .POST(HttpRequest.BodyPublishers.ofString("hello"))
                        .build());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-seen-method")).hasValue("POST");
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.get("rawPath").asText()).as("below the mount").isEqualTo("/a/b");
        assertThat(seen.at("/query/x").asText()).as("repeated values joined").isEqualTo("1,2");
        assertThat(seen.at("/query/y").asText()).isEqualTo("z");
        assertThat(seen.get("cookie").asText()).isEqualTo("k=v");
        assertThat(seen.get("bodyBytes").asInt()).isEqualTo(5);
        assertThat(seen.get("bodyWasBase64").asBoolean()).isFalse();
        assertThat(seen.get("requestId").asText())
                .isEqualTo(response.headers().firstValue("X-Fc-Request-Id").orElseThrow());
        assertThat(seen.get("fields").toString())
                .isEqualTo("[\"body\",\"headers\",\"isBase64Encoded\",\"queryParameters\",\"rawPath\","
                        + "\"requestContext\",\"version\"]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "pygreeter"})
    void aBinaryBodyArrivesInBase64(String function) throws Exception {
        byte[] binary = {(byte) 0xff, (byte) 0xfe, 0, 1, 2};
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/" + function + "/bin"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(binary))
                        .build());

        JsonNode seen = JSON.readTree(response.body());
        assertThat(seen.get("bodyWasBase64").asBoolean()).isTrue();
        assertThat(seen.get("bodyBytes").asInt()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"greeter", "pygreeter"})
    void aPlainAnswerIsTheBodyOfA200(String function) throws Exception {
        HttpResponse<String> response =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/" + function + "/plain"))
                        .GET()
                        .build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("just text");
    }
}
