package dev.sluice.gateway.invoke;

import dev.sluice.scheduler.api.FcError;

/** Counts each call of a function as it ends, with its outcome and how long the client waited. Thread-safe. */
public interface InvocationRecorder {
    /** Records nothing: for gateways without metrics. */
    InvocationRecorder NONE = (function, version, outcome, nanos) -> {};

    /**
     * Records one call.
     *
     * @param version the version that served it: {@code LATEST} or a published version's id
     * @param outcome {@code success}, {@code function_error}, or the platform's error type (e.g. {@code
     *     FunctionTimeout}, {@code ResourceExhausted})
     * @param nanos from the request's arrival to its answer
     */
    void record(String function, String version, String outcome, long nanos);

    /** Returns the outcome a response to a call stands for, from its status and {@code X-Fc-Error-Type}. */
    static String outcomeOf(int status, String errorType) {
        if (errorType.isEmpty()) {
            return status < 500 ? "success" : "error";
        }
        return errorType.equals(FcError.UNHANDLED_INVOCATION_ERROR.type()) ? "function_error" : errorType;
    }
}
