package dev.sluice.scheduler.runtime;

/**
 * A container engine call got no answer: the engine's socket refused or dropped the connection, or it did not
 * answer in time. Unlike other {@link ContainerRuntimeException}s, this says nothing of the container: only that the
 * engine cannot be asked now.
 */
public final class EngineUnreachableException extends ContainerRuntimeException {
    private static final long serialVersionUID = 1L;

    private final String reason;

    EngineUnreachableException(String host, String what, String reason, Throwable cause) {
        super(what + " failed: the Docker engine at " + host + " cannot be reached (" + reason + ")", cause);
        this.reason = reason;
    }

    /** Returns why the engine cannot be reached, e.g. {@code Connection refused}. */
    public String reason() {
        return reason;
    }
}
