package dev.sluice.gateway.invoke;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives an instance's response as it arrives, on the connection's event loop: the head once, then the body in
 * chunks up to a {@link io.netty.handler.codec.http.LastHttpContent}, or a failure instead of what is still missing.
 * Interim (1xx) responses never reach it.
 */
public interface ResponseListener {
    /** The status and headers. */
    void head(HttpResponse head);

    /**
     * A piece of the body, whose reference the listener takes over; the last one ends the exchange. By then the
     * connection is back in its pool: a listener that knows it must not be reused (its request was not sent whole)
     * closes it.
     */
    void content(HttpContent content);

    /** The exchange ended without its last piece: the connection broke, or no answer came within the timeout. */
    void failed(Throwable cause);
}
