package dev.sluice.gateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.gateway.testing.TestFunctions;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET} and {@code PUT /system/functions} against a real gateway on real Docker. */
class AdminIT {
    @TempDir
    Path dir;

    private LocalSluice sluice;

    @BeforeEach
    void deployEcho() throws Exception {
        sluice = LocalSluice.deploy(document("echo", "Echo"), dir);
    }

    @AfterEach
    void stop() {
        sluice.close();
    }

    @Test
    void putDeploysANewDocumentWholeAndItServesAtOnce() throws Exception {
        HttpResponse<String> put = put(document("greeter", "Greeter"), "Bearer test-token");

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(put.body()).contains("\"name\":\"greeter\"").doesNotContain("\"name\":\"echo\"");
        assertThat(sluice.invoke("greeter", "{\"name\":\"Ada\"}").body()).contains("Hello, Ada!");
        assertThat(sluice.invoke("echo", "x").statusCode()).isEqualTo(404);
    }

    @Test
    void putWithoutTheAdminTokenIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> put = put(document("greeter", "Greeter"), "Bearer wrong");

        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(put.body()).contains("admin token");
        assertThat(sluice.invoke("echo", "still here").body()).isEqualTo("still here");
    }

    @Test
    void aBadDocumentIsRefusedWithEveryProblemAndDeploysNothing() throws Exception {
        String bad =
                document("greeter", "Greeter").replace("runtime: java17", "runtime: java99") + "    memory: lots\n";

        HttpResponse<String> put = put(bad, "Bearer test-token");

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(put.headers().firstValue("X-Fc-Error-Type")).hasValue("InvalidArgument");
        assertThat(put.body()).contains("java99").contains("lots").contains("\"line\":");
        assertThat(sluice.invoke("echo", "untouched").body()).isEqualTo("untouched");
        assertThat(sluice.invoke("greeter", "{}").statusCode()).isEqualTo(404);
    }

    @Test
    void getListsFunctionsAndShowsOneWithItsInstances() throws Exception {
        sluice.invoke("echo", "warm it up");

        HttpResponse<String> list = get("/system/functions");
        HttpResponse<String> one = get("/system/functions/echo");
        HttpResponse<String> missing = get("/system/functions/nope");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\":\"echo\"");
        assertThat(one.body()).contains("\"state\":\"READY\"").contains("\"coldStartMs\"");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void deleteNeedsTheAdminTokenAndLogsRefuseABadTail() throws Exception {
        HttpResponse<String> delete =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/functions/echo"))
                        .DELETE()
                        .build());
        HttpResponse<String> logs = get("/system/functions/echo/logs?tail=lots");
        HttpResponse<String> missing = get("/system/functions/nope/logs");

        assertThat(delete.statusCode()).isEqualTo(401);
        assertThat(delete.body()).contains("admin token");
        assertThat(logs.statusCode()).isEqualTo(400);
        assertThat(logs.body()).contains("tail: \\\"lots\\\" (expected: a number of lines, 0..10000)");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(sluice.invoke("echo", "still here").body()).isEqualTo("still here");
    }

    private HttpResponse<String> put(String yaml, String authorization) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/system/functions"))
                .header("Authorization", authorization)
                .PUT(HttpRequest.BodyPublishers.ofString(yaml))
                .build());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return sluice.send(HttpRequest.newBuilder(sluice.base().resolve(path)).build());
    }

    private static String document(String name, String handlerClass) {
        return "functions:\n  " + name + ":\n    runtime: java17\n    code: " + TestFunctions.jar() + "\n"
                + "    handler: dev.sluice.testing.functions." + handlerClass + "::handleRequest\n";
    }
}
