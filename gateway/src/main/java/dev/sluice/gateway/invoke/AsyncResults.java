package dev.sluice.gateway.invoke;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.gateway.http.Responses;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The outcomes of asynchronous invocations ({@code X-Fc-Invocation-Type: Async}), by request id, kept for a while
 * for the caller to fetch: {@value #KEEP_MINUTES} minutes, and at most about {@value #MAX_RESULTS} of them (the cache
 * evicts beyond that), so that a client that never asks cannot fill the gateway's memory. Results are kept as UTF-8
 * text. Thread-safe.
 */
public final class AsyncResults {
    static final int KEEP_MINUTES = 15;
    static final int MAX_RESULTS = 10_000;

    /** One invocation: running until its response arrives. */
    record Result(String function, @Nullable Integer status, @Nullable String errorType, @Nullable String body) {
        Map<String, Object> json(String requestId) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("requestId", requestId);
            json.put("function", function);
            json.put("state", status == null ? "Running" : errorType == null ? "Succeeded" : "Failed");
            if (status != null) {
                json.put("statusCode", status);
            }
            if (errorType != null) {
                json.put("errorType", errorType);
            }
            if (body != null) {
                json.put("result", body);
            }
            return json;
        }
    }

    private final Cache<String, Result> results = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(KEEP_MINUTES))
            .maximumSize(MAX_RESULTS)
            .build();

    /** Records that {@code requestId} was accepted and runs. */
    void started(String requestId, String function) {
        results.put(requestId, new Result(function, null, null, null));
    }

    /** Records the response the invocation would have had, and releases it. */
    void finished(String requestId, String function, FullHttpResponse response) {
        try {
            results.put(
                    requestId,
                    new Result(
                            function,
                            response.status().code(),
                            response.headers().get(Responses.ERROR_TYPE),
                            response.content().toString(StandardCharsets.UTF_8)));
        } finally {
            response.release();
        }
    }

    /** Returns the outcome of {@code requestId} as JSON, or null when it is unknown or expired. */
    @Nullable
    Map<String, Object> json(String requestId) {
        Result result = results.getIfPresent(requestId);
        return result == null ? null : result.json(requestId);
    }
}
