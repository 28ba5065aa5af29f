package dev.sluice.gateway.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.PlatformEvent;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code GET /system/events}: server-sent events, one per platform event as it happens ({@code instance}, {@code
 * scale}, {@code coldStart}, {@code reload}, {@code timer}; see {@code docs/http-api.md}). A subscriber that cannot keep up misses events rather
 * than holding the gateway's memory; a comment line every 15 s keeps idle connections open through proxies, and
 * {@code retry: 2000} makes a browser reconnect soon after the gateway restarts. Thread-safe.
 */
public final class EventStream {
    private static final long KEEPALIVE_SECONDS = 15;

    private final Set<Channel> subscribers = ConcurrentHashMap.newKeySet();

    /** Starts streaming to the client of {@code ctx}: the response never ends while both sides live. */
    public void subscribe(ChannelHandlerContext ctx, String requestId) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE)
                .set(Responses.REQUEST_ID, requestId);
        HttpUtil.setTransferEncodingChunked(head, true);
        Channel channel = ctx.channel();
        ctx.write(head);
        ctx.writeAndFlush(chunk("retry: 2000\n: sluice events\n\n"));
        subscribers.add(channel);
        ScheduledFuture<?> keepalive = channel.eventLoop()
                .scheduleAtFixedRate(
                        () -> channel.writeAndFlush(chunk(": keepalive\n\n")),
                        KEEPALIVE_SECONDS,
                        KEEPALIVE_SECONDS,
                        TimeUnit.SECONDS);
        channel.closeFuture().addListener(closed -> {
            subscribers.remove(channel);
            keepalive.cancel(false);
        });
    }

    /** Sends {@code event} to every subscriber that can take it now. */
    public void publish(PlatformEvent event) {
        if (subscribers.isEmpty()) {
            return;
        }
        String text;
        try {
            text = "event: " + typeOf(event) + "\ndata: " + Responses.JSON.writeValueAsString(json(event)) + "\n\n";
        } catch (JsonProcessingException e) {
            return; // plain records of strings and numbers: cannot happen
        }
        for (Channel channel : subscribers) {
            if (channel.isWritable()) {
                // Always through the channel's task queue, in publishing order: a write made on the channel's own
                // event loop would otherwise overtake events published just before it from other threads.
                channel.eventLoop().execute(() -> channel.writeAndFlush(chunk(text)));
            }
        }
    }

    /** Returns how many clients are subscribed now. */
    public int subscribers() {
        return subscribers.size();
    }

    private static DefaultHttpContent chunk(String text) {
        ByteBuf bytes = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        return new DefaultHttpContent(bytes);
    }

    static String typeOf(PlatformEvent event) {
        if (event instanceof PlatformEvent.ScaleDecided) {
            return "scale";
        }
        if (event instanceof PlatformEvent.Reloaded) {
            return "reload";
        }
        if (event instanceof PlatformEvent.TimerRan) {
            return "timer";
        }
        return event instanceof PlatformEvent.ColdStarted ? "coldStart" : "instance";
    }

    /** Returns the event as the JSON object the stream and the dashboard use. */
    static Map<String, Object> json(PlatformEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", event.epochMillis());
        json.put("function", event.function());
        if (event instanceof PlatformEvent.InstanceChanged changed) {
            json.put("instance", changed.instance());
            json.put("state", changed.state());
            if (changed.reason() != null) {
                json.put("reason", changed.reason());
            }
        } else if (event instanceof PlatformEvent.ScaleDecided decided) {
            var decision = decided.decision();
            json.put("direction", decided.direction());
            json.put("reason", decision.reason().name());
            json.put("inFlight", decision.inFlight());
            json.put("queued", decision.queued());
            json.put("concurrency", decision.concurrency());
            json.put("live", decision.live());
            json.put("desired", decision.desired());
            json.put("formula", decision.formula());
        } else if (event instanceof PlatformEvent.ColdStarted cold) {
            json.put("instance", cold.instance());
            json.put("phasesMs", MetricsSnapshot.phases(cold.coldStart()));
        } else if (event instanceof PlatformEvent.Reloaded reloaded) {
            json.put("change", reloaded.change());
            json.put("cause", reloaded.cause());
        } else if (event instanceof PlatformEvent.TimerRan timer) {
            json.put("trigger", timer.trigger());
            json.put("outcome", timer.outcome());
            json.put("millis", timer.millis());
        }
        return json;
    }
}
