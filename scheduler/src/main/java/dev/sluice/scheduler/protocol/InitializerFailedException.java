package dev.sluice.scheduler.protocol;

/** The initializer failed, answered a non-2xx status, or did not answer within its timeout. */
public final class InitializerFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InitializerFailedException(String message) {
        super(message);
    }

    public InitializerFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
