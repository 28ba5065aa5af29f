package dev.sluice.gateway.invoke;

/** An instance's reply to an event invocation is larger than the gateway accepts; the instance itself is fine. */
public final class ResponseTooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    ResponseTooLargeException(long limit) {
        super("the function's response is larger than " + limit + " bytes");
    }
}
