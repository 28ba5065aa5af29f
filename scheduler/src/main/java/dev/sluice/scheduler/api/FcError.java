package dev.sluice.scheduler.api;

/**
 * Every error the platform answers, by FC's error type (the {@code errorType} of the body and the
 * {@code X-Fc-Error-Type} header) and the HTTP status that goes with it. One catalogue, so that the scheduler's
 * failures, the gateway's refusals and the management API answer alike.
 */
public enum FcError {
    /** No function of that name is deployed. */
    FUNCTION_NOT_FOUND(404, "FunctionNotFound"),
    /** The call named a version of the function that was never published, or was deleted. */
    VERSION_NOT_FOUND(404, "VersionNotFound"),
    /** The call named an alias the function does not have. */
    ALIAS_NOT_FOUND(404, "AliasNotFound"),
    /**
     * A release change that contradicts what exists: publishing what the last version already is, deleting a version
     * an alias still uses.
     */
    RELEASE_CONFLICT(409, "ReleaseConflict"),
    /** The function is deployed but no HTTP trigger covers the path. */
    TRIGGER_NOT_FOUND(404, "TriggerNotFound"),
    /** The function's queue is full: refused at once. */
    QUEUE_FULL(429, "ResourceExhausted"),
    /** No slot came free before the request's deadline, or the function went while the request waited. */
    NO_CAPACITY(503, "ResourceExhausted"),
    /** A container could not be created or started, or did not listen in time. */
    INSTANCE_START_ERROR(503, "InstanceStartError"),
    /** The container engine cannot be reached: no instance can be started until it answers again. */
    ENGINE_UNAVAILABLE(503, "EngineUnavailable"),
    /** The function's initializer failed or did not finish within its timeout. */
    INITIALIZATION_ERROR(503, "InitializationError"),
    /** The instance's connection broke mid-request; the reason the engine gives is in the message. */
    INSTANCE_CRASHED(502, "InstanceCrashed"),
    /** The function did not answer within its timeout. */
    FUNCTION_TIMEOUT(504, "FunctionTimeout"),
    /** The function's answer is larger than a synchronous invocation may return. */
    RESPONSE_TOO_LARGE(502, "ResponseTooLarge"),
    /**
     * The function threw or answered an error; the status is the function's own (200 on the invoke API, 500 through
     * a trigger's event), so {@link #status()} is only the default.
     */
    UNHANDLED_INVOCATION_ERROR(200, "UnhandledInvocationError"),
    /**
     * The gateway is stopping and takes no new requests, or is still deploying its startup document and takes no
     * changes to the deployment yet.
     */
    SERVICE_UNAVAILABLE(503, "ServiceUnavailable"),
    /** No asynchronous invocation with that id is known (any more). */
    INVOCATION_NOT_FOUND(404, "InvocationNotFound"),
    /** The request's body is larger than the gateway accepts. */
    REQUEST_TOO_LARGE(413, "RequestTooLarge"),
    /**
     * The request could not be read as HTTP, or its framing cannot be trusted (e.g. a transfer coding after
     * {@code chunked}).
     */
    BAD_REQUEST(400, "BadRequest"),
    /** The request uses an HTTP feature the gateway does not implement, e.g. a transfer coding other than chunked. */
    NOT_IMPLEMENTED(501, "NotImplemented"),
    /**
     * The gateway has as many client connections open as it serves; this one is kept only for {@code /healthz},
     * {@code /readyz}, {@code /metrics} and {@code /system/}.
     */
    TOO_MANY_CONNECTIONS(503, "TooManyConnections"),
    /** An {@code Expect} the gateway does not meet. */
    EXPECTATION_FAILED(417, "ExpectationFailed"),
    /** No such path on the gateway. */
    NOT_FOUND(404, "NotFound"),
    /** The path does not take that method. */
    METHOD_NOT_ALLOWED(405, "MethodNotAllowed"),
    /** The management API needs the admin token. */
    UNAUTHORIZED(401, "Unauthorized"),
    /** A management request with a mistake in it (a deployment document, a parameter). */
    INVALID_ARGUMENT(400, "InvalidArgument"),
    /** A deployment that was valid could not be put in place (an image, a service). */
    DEPLOY_FAILED(500, "DeployFailed"),
    /** Anything the platform did not expect. */
    INTERNAL_ERROR(500, "InternalError");

    private final int status;
    private final String type;

    FcError(int status, String type) {
        this.status = status;
        this.type = type;
    }

    /** Returns the HTTP status of the answer. */
    public int status() {
        return status;
    }

    /** Returns FC's error type, e.g. {@code ResourceExhausted}. */
    public String type() {
        return type;
    }
}
