package dev.sluice.runtime.java;

import org.jspecify.annotations.Nullable;

/**
 * Thrown instead of running the handler when the function's initializer has not succeeded on this instance. Its
 * simple name becomes the {@code errorType} of the function error.
 */
final class InitializationException extends Exception {
    private static final long serialVersionUID = 1L;

    InitializationException(String message) {
        super(message);
    }

    InitializationException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
