package dev.sluice.gateway.invoke;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.CallTarget;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
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

    /** Returns whether the caller asked for an asynchronous invocation ({@code X-Fc-Invocation-Type: Async}). */
    public static boolean isAsync(HttpRequest request) {
        return "async".equalsIgnoreCase(request.headers().get("x-fc-invocation-type"));
    }

    /**
     * Accepts {@code call} at once (202 with where to fetch the outcome) and runs it in the background on an instance
     * of {@code function}; its outcome is kept here. Runs on the event loop.
     */
    public void run(
            ChannelHandlerContext ctx,
            Dispatcher dispatcher,
            CallTarget target,
            String requestId,
            Dispatcher.Call call,
            boolean keepAlive) {
        String name = target.name();
        results.put(requestId, new Result(name, null, null, null));
        dispatcher.dispatch(ctx, target, requestId, response -> finished(requestId, name, response), call);
        Responses.write(
                ctx,
                Responses.json(
                        HttpResponseStatus.ACCEPTED,
                        Map.of("requestId", requestId, "result", InvokeHandler.RESULTS_PREFIX + requestId),
                        requestId),
                keepAlive);
    }

    /** Records the response the invocation would have had, and releases it. */
    private void finished(String requestId, String function, FullHttpResponse response) {
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
