package dev.sluice.gateway.timer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Calls a function the way FC's timer service does, through the invoke API ({@code POST /invoke/{function}} on this
 * gateway): a timer's run is then a call like any other, queued, scaled, counted, logged and traced as the others.
 */
public final class LoopbackInvoker implements Timers.Invoker {
    /** Longer than any call may take (FC's longest timeout is a day): the gateway ends each call itself. */
    private static final Duration LIMIT = Duration.ofHours(25);

    private final URI base;
    private final HttpClient http;

    /** @param base the gateway's own base URL, e.g. {@code http://127.0.0.1:8080} */
    public LoopbackInvoker(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public CompletableFuture<String> invoke(String function, byte[] event) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/invoke/" + function))
                .timeout(LIMIT)
                .header("content-type", "application/json")
                .header("x-fc-trigger-type", "timer")
                .POST(HttpRequest.BodyPublishers.ofByteArray(event))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            String error = response.headers().firstValue("x-fc-error-type").orElse(null);
            if (response.statusCode() == 200 && error == null) {
                return "ok";
            }
            return error != null ? error : "status " + response.statusCode();
        });
    }
}
