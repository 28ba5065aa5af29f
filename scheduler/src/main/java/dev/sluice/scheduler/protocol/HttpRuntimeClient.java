package dev.sluice.scheduler.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.FcHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** The FC protocol over HTTP/1.1 with the JDK's client; readiness by TCP connect ({@link PortProbe}). */
public final class HttpRuntimeClient implements RuntimeClient {
    private static final JsonFactory JSON = new JsonFactory();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final Clock clock;
    /** Runs the port probes' connects: their own threads, so that a launch waiting on a probe never starves one. */
    private final ExecutorService probes = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-probe");
        t.setDaemon(true);
        return t;
    });

    /** @param clock schedules the port probes' attempts */
    public HttpRuntimeClient(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Boolean> awaitPort(Endpoint endpoint, Duration timeout, BooleanSupplier alive) {
        // Probe the container's own address when there is one: the published port is served by the engine's proxy,
        // which accepts connections even before the process inside listens.
        return PortProbe.start(clock, probes, endpoint.callAddress(), timeout.toNanos(), alive);
    }

    @Override
    public void specialize(Endpoint endpoint, Map<String, String> env, String instanceId) {
        StringBuilder form = new StringBuilder();
        env.forEach((name, value) -> form.append(form.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint.callAuthority() + "/specialize"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(FcHeaders.REQUEST_ID, "specialize-" + instanceId)
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2
                    || response.headers().firstValue(FcHeaders.STATUS).isPresent()) {
                throw new InitializerFailedException(
                        "the stem cell refused its function: " + errorMessage(response.body(), response.statusCode()));
            }
        } catch (IOException e) {
            throw new InitializerFailedException("specializing the stem cell failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializerFailedException("interrupted while specializing a stem cell", e);
        }
    }

    @Override
    public void initialize(
            Endpoint endpoint, FunctionSpec function, String instanceId, String version, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + endpoint.callAuthority() + "/initialize"))
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.noBody());
        FcHeaders.of(function).forEach(request::header);
        // The instance's version: an initializer sees the qualifier its instance serves, as FC_QUALIFIER says.
        request.setHeader(FcHeaders.QUALIFIER, version);
        request.setHeader(FcHeaders.VERSION_ID, version);
        request.header(FcHeaders.REQUEST_ID, "init-" + instanceId);
        request.header(FcHeaders.CONTROL_PATH, "/initialize");
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new InitializerFailedException(
                    "initializer " + function.initializer() + " did not finish within " + timeout.toMillis()
                            + " ms (initializationTimeout)",
                    e);
        } catch (IOException e) {
            throw new InitializerFailedException("initializer call failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InitializerFailedException("interrupted while the initializer ran", e);
        }
        boolean functionError =
                "404".equals(response.headers().firstValue(FcHeaders.STATUS).orElse(""));
        if (response.statusCode() / 100 != 2 || functionError) {
            throw new InitializerFailedException("initializer " + function.initializer() + " failed: "
                    + errorMessage(response.body(), response.statusCode()));
        }
    }

    @Override
    public @Nullable String preStop(Endpoint endpoint, FunctionSpec function, String instanceId, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + endpoint.callAuthority() + "/pre-stop"))
                .timeout(timeout)
                .GET();
        FcHeaders.of(function).forEach(request::header);
        request.header(FcHeaders.REQUEST_ID, "pre-stop-" + instanceId);
        request.header(FcHeaders.CONTROL_PATH, "/pre-stop");
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            boolean functionError =
                    "404".equals(response.headers().firstValue(FcHeaders.STATUS).orElse(""));
            return response.statusCode() / 100 == 2 && !functionError
                    ? null
                    : errorMessage(response.body(), response.statusCode());
        } catch (HttpTimeoutException e) {
            return "did not finish within " + timeout.toMillis() + " ms";
        } catch (IOException e) {
            return "the call failed: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Returns the error message of an FC error body, or the status and body when it is not one. */
    static String errorMessage(String body, int status) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                String type = null;
                String message = null;
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    if (value == JsonToken.VALUE_STRING && ("errorMessage".equals(field) || "message".equals(field))) {
                        message = message == null ? parser.getText() : message;
                    } else if (value == JsonToken.VALUE_STRING && "errorType".equals(field)) {
                        type = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
                if (message != null) {
                    return type == null ? message : type + ": " + message;
                }
            }
        } catch (IOException e) {
            // Not JSON: fall through and show the raw body.
        }
        String trimmed = body.strip();
        return "status " + status + (trimmed.isEmpty() ? "" : ": " + abbreviate(trimmed));
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "...";
    }
}
