package dev.sluice.gateway.metrics;

import dev.sluice.gateway.http.Responses;
import dev.sluice.gateway.trace.Timelines;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * The live views of the platform: {@code GET /metrics} (Prometheus' text format), {@code GET /system/metrics} (a
 * JSON snapshot) and {@code GET /system/events} (server-sent events).
 */
public final class MetricsHandler {
    public static final String PROMETHEUS = "/metrics";
    public static final String SNAPSHOT = "/system/metrics";
    public static final String EVENTS = "/system/events";

    private final Scheduler scheduler;
    private final PlatformMetrics metrics;
    private final EventStream events;
    private final Timelines timelines;

    public MetricsHandler(Scheduler scheduler, PlatformMetrics metrics, EventStream events, Timelines timelines) {
        this.scheduler = scheduler;
        this.metrics = metrics;
        this.events = events;
        this.timelines = timelines;
        scheduler.events().subscribe(events::publish);
    }

    /** Returns whether {@code path} (no query) is one of these endpoints. */
    public static boolean serves(String path) {
        return path.equals(PROMETHEUS) || path.equals(SNAPSHOT) || path.equals(EVENTS);
    }

    /** Answers one request for one of these endpoints, on its event loop. */
    public void handle(
            ChannelHandlerContext ctx, FullHttpRequest request, String path, String requestId, boolean keepAlive) {
        if (!HttpMethod.GET.equals(request.method())) {
            Responses.write(
                    ctx,
                    Responses.error(
                            FcError.METHOD_NOT_ALLOWED,
                            request.method() + " " + path + ": only GET",
                            requestId,
                            null,
                            null),
                    keepAlive);
            return;
        }
        switch (path) {
            case PROMETHEUS -> {
                FullHttpResponse response = Responses.bytes(
                        HttpResponseStatus.OK,
                        Responses.text(metrics.scrape()),
                        "text/plain; version=0.0.4; charset=utf-8",
                        requestId);
                Responses.write(ctx, response, keepAlive);
            }
            case SNAPSHOT -> Responses.write(
                    ctx,
                    Responses.json(HttpResponseStatus.OK, MetricsSnapshot.of(scheduler, metrics, timelines), requestId),
                    keepAlive);
            default -> events.subscribe(ctx, requestId);
        }
    }
}
