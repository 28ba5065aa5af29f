package dev.sluice.gateway.server;

import dev.sluice.gateway.http.LingeringClose;
import dev.sluice.gateway.http.RequestIds;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.FcError;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import org.jspecify.annotations.Nullable;

/**
 * Aggregates request bodies up to a limit and answers a larger one with Sluice's own 413 error, then closes. Also
 * when the client asks first with {@code Expect: 100-continue} (curl does for large bodies), where Netty would
 * otherwise answer with a bare 413 or 417 that lacks the request id and the error body.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        // Close after refusing an expectation: the client may send the body anyway, and it must not be read.
        super(maxBytes, true);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The rest of the body is still on its way: it is dropped, not aggregated.
        LingeringClose.writeLast(ctx, tooLarge(oversized));
    }

    @Override
    protected @Nullable Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        String expectation = start.headers().get(HttpHeaderNames.EXPECT); // super removes it
        Object answer = super.newContinueResponse(start, maxContentLength, pipeline);
        if (!(answer instanceof FullHttpResponse refusal)
                || refusal.status().codeClass() != HttpStatusClass.CLIENT_ERROR) {
            return answer; // null (no expectation) or 100 Continue
        }
        HttpResponseStatus status = refusal.status();
        refusal.release();
        if (status.equals(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE)) {
            return tooLarge(start);
        }
        FullHttpResponse response = Responses.error(
                FcError.EXPECTATION_FAILED,
                "Expect: " + expectation + " is not supported (expected: 100-continue)",
                RequestIds.next(),
                null,
                null);
        HttpUtil.setKeepAlive(response, false);
        return response;
    }

    private FullHttpResponse tooLarge(HttpMessage oversized) {
        long sent = HttpUtil.getContentLength(oversized, -1L);
        FullHttpResponse response = Responses.error(
                FcError.REQUEST_TOO_LARGE,
                "the request body is larger than " + maxBytes + " bytes" + (sent >= 0 ? " (" + sent + " sent)" : "")
                        + "; send large inputs by reference",
                RequestIds.next(),
                null,
                null);
        HttpUtil.setKeepAlive(response, false);
        return response;
    }
}
