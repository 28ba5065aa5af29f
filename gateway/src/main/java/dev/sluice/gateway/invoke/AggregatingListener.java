package dev.sluice.gateway.invoke;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Promise;
import org.jspecify.annotations.Nullable;

/**
 * Collects a whole response for the calls that need it whole (event invocations: FC's reply is one payload),
 * refusing one larger than {@code maxBytes} rather than holding it.
 */
final class AggregatingListener implements ResponseListener {
    private final Promise<FullHttpResponse> promise;
    private final ByteBufAllocator allocator;
    private final int maxBytes;
    private @Nullable HttpResponse head;
    private @Nullable CompositeByteBuf body;

    AggregatingListener(Promise<FullHttpResponse> promise, ByteBufAllocator allocator, int maxBytes) {
        this.promise = promise;
        this.allocator = allocator;
        this.maxBytes = maxBytes;
    }

    @Override
    public void head(HttpResponse head) {
        this.head = head;
        this.body = allocator.compositeBuffer(Integer.MAX_VALUE);
    }

    @Override
    public void content(HttpContent content) {
        CompositeByteBuf collected = body;
        HttpResponse start = head;
        if (collected == null || start == null || promise.isDone()) {
            content.release();
            return;
        }
        if (collected.readableBytes() + (long) content.content().readableBytes() > maxBytes) {
            content.release();
            discard();
            promise.tryFailure(new ResponseTooLargeException(maxBytes));
            return;
        }
        collected.addComponent(true, content.content());
        if (content instanceof LastHttpContent last) {
            FullHttpResponse whole = new DefaultFullHttpResponse(
                    start.protocolVersion(), start.status(), collected, start.headers(), last.trailingHeaders());
            body = null;
            if (!promise.trySuccess(whole)) {
                whole.release();
            }
        }
    }

    @Override
    public void failed(Throwable cause) {
        discard();
        promise.tryFailure(cause);
    }

    private void discard() {
        CompositeByteBuf collected = body;
        body = null;
        if (collected != null) {
            collected.release();
        }
    }
}
