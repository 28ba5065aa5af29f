package dev.sluice.gateway.cli;

/** The command was given something it cannot use (exit status 2); the message says what, and what to do. */
final class BadInputException extends Exception {
    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }
}
