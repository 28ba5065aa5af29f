package dev.sluice.gateway.setup;

/** A set-up step failed. The message says what failed, what was seen, and what to do; it is shown as it is. */
public final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }
}
