package dev.sluice.scheduler.api;

import dev.sluice.config.function.FunctionSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code x-fc-*} headers that go with every call to an instance, as FC sends them. Shared by the initializer
 * call here and the gateway's invocations, so both speak the same protocol.
 */
public final class FcHeaders {
    public static final String REQUEST_ID = "x-fc-request-id";
    public static final String CONTROL_PATH = "x-fc-control-path";
    public static final String STATUS = "x-fc-status";
    /** What the caller named: {@code LATEST}, a version's id or an alias. */
    public static final String QUALIFIER = "x-fc-qualifier";
    /** The version that serves the call: {@code LATEST} or a published version's id. */
    public static final String VERSION_ID = "x-fc-version-id";

    private FcHeaders() {}

    /** Returns the headers describing {@code function} for one call, without the request id and control path. */
    public static Map<String, String> of(FunctionSpec function) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-fc-function-name", function.name());
        headers.put("x-fc-service-name", "sluice");
        headers.put("x-fc-function-handler", function.handler());
        headers.put("x-fc-function-memory", Integer.toString(function.memoryMb()));
        headers.put("x-fc-function-timeout", Long.toString(function.timeout().toSeconds()));
        String initializer = function.initializer();
        if (initializer != null) {
            headers.put("x-fc-function-initializer", initializer);
            headers.put(
                    "x-fc-initialization-timeout",
                    Long.toString(function.initializationTimeout().toSeconds()));
        }
        String preStop = function.preStop();
        if (preStop != null) {
            headers.put("x-fc-instance-lifecycle-pre-stop-handler", preStop);
        }
        headers.put("x-fc-region", "local");
        headers.put("x-fc-account-id", "local");
        headers.put(QUALIFIER, CallTarget.LATEST);
        headers.put(VERSION_ID, CallTarget.LATEST);
        return headers;
    }
}
