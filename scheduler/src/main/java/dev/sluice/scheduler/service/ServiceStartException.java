package dev.sluice.scheduler.service;

/** A service could not be started, or did not listen on its port in time; the message says which and why. */
public final class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public ServiceStartException(String message) {
        super(message);
    }
}
