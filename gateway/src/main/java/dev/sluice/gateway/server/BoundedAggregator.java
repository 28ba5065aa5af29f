package dev.sluice.gateway.server;

import dev.sluice.gateway.http.RequestIds;
import dev.sluice.gateway.http.Responses;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** Aggregates request bodies up to a limit and answers a larger one with Sluice's own 413 error, then closes. */
final class BoundedAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    BoundedAggregator(int maxBytes) {
        super(maxBytes);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String requestId = RequestIds.next();
        FullHttpResponse response = Responses.error(
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "RequestTooLarge",
                "the request body is larger than " + maxBytes + " bytes (" + HttpUtil.getContentLength(oversized, -1L)
                        + " sent); send large inputs by reference",
                requestId,
                null,
                null);
        HttpUtil.setKeepAlive(response, false);
        // The rest of the body is still on its way: close rather than read it.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
