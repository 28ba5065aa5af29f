package dev.sluice.runtime.java.http;

import java.io.IOException;

/** A request the server answers itself, with {@link #status()} and the message, and then closes the connection. */
final class RefusedRequest extends IOException {
    private static final long serialVersionUID = 1L;

    private final int status;

    RefusedRequest(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
