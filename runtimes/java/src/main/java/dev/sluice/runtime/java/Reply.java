package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;

/**
 * What a call that succeeded answers. The call builds it; {@link CallHandler} sends it only after logging the call's
 * End line, and sends a function error instead when the call threw, so a failing function never leaves half a reply.
 */
interface Reply {
    /** Writes status, headers and body to {@code exchange}. */
    void send(HttpExchange exchange) throws IOException;
}
