package dev.sluice.scheduler.runtime;

/** A container engine call failed; the message says which call, on what, and the engine's reason. */
public class ContainerRuntimeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContainerRuntimeException(String message, Throwable cause) {
        super(message, cause);
    }

    public ContainerRuntimeException(String message) {
        super(message);
    }
}
