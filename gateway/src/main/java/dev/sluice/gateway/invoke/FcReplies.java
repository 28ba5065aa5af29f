package dev.sluice.gateway.invoke;

import dev.sluice.scheduler.api.FcHeaders;
import io.netty.handler.codec.http.HttpResponse;

/** Reads what an instance's reply means under the FC protocol. */
public final class FcReplies {
    private FcReplies() {}

    /** Returns whether the reply signals a function error: {@code x-fc-status: 404}, or a bare 404 without it. */
    public static boolean isFunctionError(HttpResponse reply) {
        String status = reply.headers().get(FcHeaders.STATUS);
        return "404".equals(status) || (status == null && reply.status().code() == 404);
    }
}
