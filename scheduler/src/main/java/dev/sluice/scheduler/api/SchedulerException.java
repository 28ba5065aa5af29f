package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * Why a request could not be served by an instance. A sealed hierarchy in the style of OpenWhisk's container
 * errors: each subtype carries the FC error type that callers see in {@code X-Fc-Error-Type}, the function, and the
 * instance when one was involved.
 */
public abstract sealed class SchedulerException extends RuntimeException
        permits ContainerStartException,
                ContainerInitException,
                EngineUnavailableException,
                UnknownFunctionException,
                NoCapacityException,
                QueueFullException,
                UnknownQualifierException {
    private static final long serialVersionUID = 1L;

    private final String function;
    private final @Nullable String instance;

    SchedulerException(String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, cause);
        this.function = function;
        this.instance = instance;
    }

    /** Returns the platform error this is, with its FC error type and HTTP status. */
    public abstract FcError error();

    /** Returns the FC error type, e.g. {@code InitializationError}. */
    public final String errorType() {
        return error().type();
    }

    /** Returns the function the request was for. */
    public String function() {
        return function;
    }

    /** Returns the instance involved, or null when none was. */
    public @Nullable String instance() {
        return instance;
    }
}
