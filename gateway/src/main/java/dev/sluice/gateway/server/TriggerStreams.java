package dev.sluice.gateway.server;

import dev.sluice.gateway.http.RequestIds;
import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.invoke.AsyncResults;
import dev.sluice.gateway.trigger.HttpTriggerHandler;
import dev.sluice.gateway.trigger.TriggerExchange;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * Takes the HTTP-trigger calls of one client connection off the pipeline at their head, to stream them ({@link
 * TriggerExchange}); every other request goes on whole through the aggregator to {@link GatewayHandler}. One
 * instance per connection.
 */
final class TriggerStreams extends ChannelInboundHandlerAdapter {
    private final HttpTriggerHandler triggers;
    /**
     * Messages of a pipelined next request, read while a call was still streaming: they wait for it. {@link InOrder}
     * holds a next request until the response before it is written, which is when a call ends, so this stays empty
     * unless that order breaks.
     */
    private final ArrayDeque<Object> backlog = new ArrayDeque<>();

    private @Nullable TriggerExchange current;
    /** The request being read goes on down the pipeline. */
    private boolean passing;

    TriggerStreams(HttpTriggerHandler triggers) {
        this.triggers = triggers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        TriggerExchange exchange = current;
        if (exchange != null && exchange.requestComplete()) {
            backlog.add(message);
        } else if (message instanceof HttpRequest head) {
            begin(ctx, head);
        } else if (message instanceof HttpContent content) {
            if (passing) {
                passing = !(content instanceof LastHttpContent);
                ctx.fireChannelRead(content);
            } else if (exchange != null) {
                exchange.fromClient(content);
            } else {
                content.release(); // the body of a request already refused
            }
        } else {
            ctx.fireChannelRead(message);
        }
    }

    private void begin(ChannelHandlerContext ctx, HttpRequest head) {
        String uri = head.uri();
        if (!head.decoderResult().isSuccess() || GatewayHandler.servesItself(uri) || AsyncResults.isAsync(head)) {
            pass(ctx, head);
            return;
        }
        String requestId = RequestIds.next();
        HttpTriggerHandler.Resolution resolution = triggers.resolve(head, requestId);
        if (resolution == null) {
            pass(ctx, head);
        } else if (resolution instanceof HttpTriggerHandler.Refusal refusal) {
            Responses.write(ctx, refusal.response(), HttpUtil.isKeepAlive(head));
        } else if (resolution instanceof HttpTriggerHandler.Target target && target.asEvent()) {
            pass(ctx, head); // FC 3.0's HTTP event holds the whole body: the aggregated path builds it
        } else if (resolution instanceof HttpTriggerHandler.Target target) {
            TriggerExchange exchange = triggers.exchange(ctx, head, target, requestId, () -> ended(ctx));
            current = exchange;
            exchange.start();
        }
    }

    private void pass(ChannelHandlerContext ctx, HttpRequest head) {
        passing = true;
        ctx.fireChannelRead(head);
    }

    /** The call in progress is over: what waited is read now, then the connection reads again by itself. */
    private void ended(ChannelHandlerContext ctx) {
        current = null;
        if (!ctx.channel().isActive()) {
            return;
        }
        for (Object waiting = backlog.poll(); waiting != null; waiting = backlog.poll()) {
            channelRead(ctx, waiting);
            TriggerExchange next = current;
            if (next != null && next.requestComplete()) {
                return; // a call of the backlog streams now; its own end goes on from here
            }
        }
        if (current == null) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        TriggerExchange exchange = current;
        if (exchange != null) {
            exchange.clientWritable();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        for (Object message = backlog.poll(); message != null; message = backlog.poll()) {
            ReferenceCountUtil.release(message);
        }
        TriggerExchange exchange = current;
        current = null;
        if (exchange != null) {
            exchange.clientGone();
        }
        ctx.fireChannelInactive();
    }
}
