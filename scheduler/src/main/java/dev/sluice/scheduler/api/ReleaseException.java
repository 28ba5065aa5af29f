package dev.sluice.scheduler.api;

/** A release change that cannot be made as asked; nothing changed. The message says why and what to do. */
public final class ReleaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final FcError error;

    public ReleaseException(FcError error, String message) {
        super(message);
        this.error = error;
    }

    /** Returns the error to answer: {@link FcError#RELEASE_CONFLICT} or {@link FcError#INVALID_ARGUMENT}. */
    public FcError error() {
        return error;
    }
}
