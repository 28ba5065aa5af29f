package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.Credentials;
import com.aliyun.fc.runtime.FunctionComputeLogger;
import com.aliyun.fc.runtime.FunctionParam;
import com.aliyun.fc.runtime.OpenTracing;
import com.aliyun.fc.runtime.Service;
import com.sun.net.httpserver.Headers;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fc-java-core {@link Context} of one call, built from the call's {@code x-fc-*} headers with the container's
 * environment as fallback (a header wins: it describes this call, the environment only the container's start).
 */
final class CallContext implements Context {
    /** FC's default for both the function timeout and the initialization timeout. */
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    /** FC2's default memory size, used when neither header nor environment names one. */
    private static final int DEFAULT_MEMORY_MB = 128;

    /** The call's W3C traceparent (the caller's trace, the gateway's span) where FC puts its span context. */
    private record Tracing(String traceparent) implements OpenTracing {
        @Override
        public String getSpanContext() {
            return traceparent;
        }

        @Override
        public Map<String, String> getSpanBaggages() {
            return traceparent.isEmpty() ? Map.of() : Map.of("traceparent", traceparent);
        }

        @Override
        public String getJaegerEndpoint() {
            return "";
        }
    }

    private final String requestId;
    private final Credentials credentials;
    private final FunctionParam functionParam;
    private final Service service;
    private final FunctionComputeLogger logger;
    /** Kept for {@link #getTracing}, read only by a function that asks: most never do. */
    private final Headers headers;

    /**
     * Creates the context of one call.
     *
     * @param names the handler and initializer this container is bound to
     * @param initializing true for {@code /initialize}, whose time limit is the initialization timeout
     */
    CallContext(
            Headers headers,
            String requestId,
            RuntimeConfig config,
            FunctionNames names,
            boolean initializing,
            FunctionComputeLogger logger) {
        Lookup lookup = new Lookup(headers, config);
        this.requestId = requestId;
        this.logger = logger;
        this.headers = headers;
        this.credentials = new CallCredentials(
                lookup.get("x-fc-access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID"),
                lookup.get("x-fc-access-key-secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"),
                lookup.get("x-fc-security-token", "ALIBABA_CLOUD_SECURITY_TOKEN"));
        int timeoutSeconds = initializing
                ? lookup.integer("x-fc-initialization-timeout", "FC_INITIALIZATION_TIMEOUT", DEFAULT_TIMEOUT_SECONDS)
                : lookup.integer("x-fc-function-timeout", "FC_FUNCTION_TIMEOUT", DEFAULT_TIMEOUT_SECONDS);
        this.functionParam = new CallFunctionParam(
                orEmpty(lookup.get("x-fc-function-name", "FC_FUNCTION_NAME")),
                orEmpty(names.handler()),
                orEmpty(names.initializer()),
                (int) Math.min(Integer.MAX_VALUE, timeoutSeconds * 1000L),
                lookup.integer("x-fc-function-memory", "FC_FUNCTION_MEMORY_SIZE", DEFAULT_MEMORY_MB));
        this.service = new CallService(
                orEmpty(lookup.get("x-fc-service-name", "FC_SERVICE_NAME")),
                orEmpty(lookup.get("x-fc-service-logproject", "FC_SERVICE_LOG_PROJECT")),
                orEmpty(lookup.get("x-fc-service-logstore", "FC_SERVICE_LOG_STORE")),
                orEmpty(lookup.get("x-fc-qualifier", "FC_QUALIFIER")),
                orEmpty(lookup.get("x-fc-version-id", "FC_VERSION_ID")));
    }

    @Override
    public String getRequestId() {
        return requestId;
    }

    @Override
    public Credentials getExecutionCredentials() {
        return credentials;
    }

    @Override
    public FunctionParam getFunctionParam() {
        return functionParam;
    }

    @Override
    public Service getService() {
        return service;
    }

    @Override
    public FunctionComputeLogger getLogger() {
        return logger;
    }

    @Override
    public OpenTracing getTracing() {
        return new Tracing(orEmpty(headers.getFirst("traceparent")));
    }

    @Override
    public int getRetryCount() {
        return 0;
    }

    private static String orEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    /** Reads a call's header, falling back to an environment variable. */
    private record Lookup(Headers headers, RuntimeConfig config) {
        @Nullable
        String get(String header, String envName) {
            String value = RuntimeConfig.nonBlank(headers.getFirst(header));
            return value != null ? value : config.env(envName);
        }

        int integer(String header, String envName, int fallback) {
            String value = get(header, envName);
            if (value != null) {
                try {
                    return Integer.parseInt(value);
                } catch (NumberFormatException ignored) {
                    // a malformed header must not fail the call; the default is what FC would assume
                }
            }
            return fallback;
        }
    }
}
