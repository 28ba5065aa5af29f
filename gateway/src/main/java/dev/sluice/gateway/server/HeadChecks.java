package dev.sluice.gateway.server;

import dev.sluice.gateway.http.LingeringClose;
import dev.sluice.gateway.http.RequestIds;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.http.Uris;
import dev.sluice.scheduler.api.FcError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Checks each request of one connection at its head, before any of its body is read, and answers those refused:
 *
 * <ol>
 *   <li>{@code Transfer-Encoding} the gateway cannot read (RFC 9112 §6): {@code chunked} missing, not last or twice,
 *       or in an HTTP/1.0 request: 400, the body's length cannot be known; another coding before {@code chunked}:
 *       501. The connection is closed: what follows cannot be framed.
 *   <li>On a reserve connection ({@link ConnectionLimit}), a request for anything but the operator's paths: 503
 *       {@code TooManyConnections}, closed. A request for them is served and the connection closed after it.
 *   <li>A change to the deployment without the admin token: 401. A body of at most {@value #DRAIN_LIMIT} bytes is
 *       read and dropped, and the connection kept; a larger one (or one not sent yet, after {@code Expect:
 *       100-continue}) is not passed on: the connection ends after the answer, in stages ({@link LingeringClose}).
 * </ol>
 *
 * One instance per connection, on its event loop.
 */
final class HeadChecks extends ChannelInboundHandlerAdapter {
    /** The largest body of a refused request that is read (and dropped) to keep the connection. */
    static final long DRAIN_LIMIT = 64 * 1024;

    private static final String CHUNKED = "chunked";

    private final Refusals refusals;
    private final ConnectionLimit.@Nullable Slot slot;
    /** The rest of a refused request's body is read and dropped. */
    private boolean dropping;
    /** A refusal closes the connection: nothing more is passed on. */
    private boolean closing;

    /** What refuses a request at its head by where it goes: {@link GatewayHandler#refusalAtHead}. */
    interface Refusals {
        /** Returns the answer to a request refused at its head, or null when it goes on. */
        @Nullable
        FullHttpResponse atHead(HttpRequest head);
    }

    /** @param slot the connection's place in the count; null when it is not counted */
    HeadChecks(Refusals refusals, ConnectionLimit.@Nullable Slot slot) {
        this.refusals = refusals;
        this.slot = slot;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (closing) {
            ReferenceCountUtil.release(message);
        } else if (message instanceof HttpRequest head && head.decoderResult().isSuccess()) {
            dropping = false;
            check(ctx, head);
        } else if (dropping && message instanceof HttpContent content) {
            dropping = !(content instanceof LastHttpContent);
            content.release();
        } else {
            ctx.fireChannelRead(message); // a malformed request goes on to be answered 400
        }
    }

    private void check(ChannelHandlerContext ctx, HttpRequest head) {
        FullHttpResponse framing = framing(head);
        if (framing != null) {
            refuse(ctx, head, framing, false);
            return;
        }
        if (slot != null && slot.isReserve()) {
            slot.asked();
            if (!isForOperators(head.uri())) {
                refuse(ctx, head, tooManyConnections(), false);
                return;
            }
            HttpUtil.setKeepAlive(head, false); // one request: the reserve is for the next health check
        }
        FullHttpResponse refusal = refusals.atHead(head);
        if (refusal != null) {
            refuse(ctx, head, refusal, true);
            return;
        }
        ctx.fireChannelRead(head);
    }

    /** Answers {@code head} with {@code response}; keeps the connection only when {@code mayKeep} and it is cheap. */
    private void refuse(ChannelHandlerContext ctx, HttpRequest head, FullHttpResponse response, boolean mayKeep) {
        boolean keep = mayKeep
                && HttpUtil.isKeepAlive(head)
                && !HttpUtil.is100ContinueExpected(head)
                && !HttpUtil.isTransferEncodingChunked(head)
                && HttpUtil.getContentLength(head, 0L) <= DRAIN_LIMIT;
        boolean bodyFollows = HttpUtil.isTransferEncodingChunked(head) || HttpUtil.getContentLength(head, 0L) > 0;
        if (keep || !bodyFollows) {
            Responses.write(ctx, response, keep);
        } else {
            // The body may already be on its way: closing on it unread would reset the connection under the answer.
            HttpUtil.setKeepAlive(response, false);
            LingeringClose.writeLast(ctx, response);
        }
        dropping = keep && !(head instanceof LastHttpContent);
        closing = !keep;
        ReferenceCountUtil.release(head);
    }

    /**
     * Returns the refusal of a request whose {@code Transfer-Encoding} the gateway cannot read, or null when it has
     * none or only {@code chunked}.
     */
    static @Nullable FullHttpResponse framing(HttpRequest head) {
        List<String> sent = head.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (sent.isEmpty()) {
            return null;
        }
        List<String> codings = new ArrayList<>();
        for (String value : sent) {
            for (String element : value.split(",", -1)) {
                String coding = element.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
                if (!coding.isEmpty()) {
                    codings.add(coding);
                }
            }
        }
        String header = "Transfer-Encoding: " + String.join(", ", sent);
        if (HttpVersion.HTTP_1_0.equals(head.protocolVersion())) {
            return error(
                    FcError.BAD_REQUEST,
                    header + " in an HTTP/1.0 request: its length cannot be trusted (send"
                            + " Content-Length, or use HTTP/1.1)");
        }
        if (codings.isEmpty() || codings.indexOf(CHUNKED) != codings.size() - 1) {
            return error(
                    FcError.BAD_REQUEST,
                    header + ": the body's length cannot be known (expected: chunked, once," + " as the last coding)");
        }
        if (codings.size() > 1) {
            return error(
                    FcError.NOT_IMPLEMENTED,
                    header + ": the gateway decodes no transfer coding but chunked"
                            + " (send the body chunked only, or with Content-Length)");
        }
        return null;
    }

    /** Returns whether {@code uri} is one of the operator's paths, which reserve connections serve. */
    static boolean isForOperators(String uri) {
        String path = Uris.path(uri);
        return uri.equals("/healthz")
                || uri.equals("/readyz")
                || path.equals("/metrics")
                || path.startsWith("/system/");
    }

    private FullHttpResponse tooManyConnections() {
        FullHttpResponse response = Responses.error(
                FcError.TOO_MANY_CONNECTIONS,
                "the gateway serves as many client connections as it may (sluice up --max-connections); this one is"
                        + " kept for /healthz, /readyz, /metrics and /system/ (try again, or close idle connections)",
                RequestIds.next(),
                null,
                null);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
        return response;
    }

    private static FullHttpResponse error(FcError error, String message) {
        return Responses.error(error, message, RequestIds.next(), null, null);
    }
}
