package dev.sluice.scheduler.image;

/** A runtime image could not be built; the message says why and what to do. */
public final class ImageBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageBuildException(String message) {
        super(message);
    }

    public ImageBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
