package dev.sluice.gateway.trace;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The timelines of recent calls: by request id for {@value #KEEP_MINUTES} minutes and at most about {@value #MAX}
 * of them (the cache evicts beyond), and the last {@value #RECENT} of each function for the dashboard. Bounded, so a
 * flood of calls costs a fixed amount of memory. Thread-safe.
 */
public final class Timelines {
    static final int KEEP_MINUTES = 15;
    static final int MAX = 10_000;
    static final int RECENT = 20;

    private final Cache<String, Timeline> byId = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(KEEP_MINUTES))
            .maximumSize(MAX)
            // Its upkeep on the writing thread: on a small machine a hop to another thread per call costs more.
            .executor(Runnable::run)
            .build();
    private final Map<String, Deque<Timeline>> recent = new ConcurrentHashMap<>();

    /** Starts the trace of a call that arrived now, with the caller's {@code traceparent} header, if any. */
    public CallTrace start(
            String requestId, String function, @Nullable String incoming, long nowNanos, long nowEpochMillis) {
        return new CallTrace(requestId, function, Traceparent.childOf(incoming), nowNanos, nowEpochMillis);
    }

    /**
     * Keeps the timeline of {@code trace}, which ended at {@code nowNanos} with {@code status}, and returns its
     * {@code Server-Timing} header.
     */
    public String finish(CallTrace trace, long nowNanos, int status, String errorType) {
        Timeline timeline = trace.timeline(nowNanos, status, errorType);
        byId.put(timeline.requestId(), timeline);
        Deque<Timeline> last = recent.computeIfAbsent(timeline.function(), f -> new ArrayDeque<>(RECENT + 1));
        synchronized (last) {
            last.addFirst(timeline);
            if (last.size() > RECENT) {
                last.removeLast();
            }
        }
        return timeline.serverTiming();
    }

    /** Returns the timeline of call {@code requestId} as JSON, or null when it is unknown or expired. */
    public @Nullable Map<String, Object> json(String requestId) {
        Timeline timeline = byId.getIfPresent(requestId);
        return timeline == null ? null : timeline.json();
    }

    /** Returns the last calls of {@code function}, newest first, as JSON. */
    public List<Map<String, Object>> recent(String function) {
        Deque<Timeline> last = recent.get(function);
        List<Map<String, Object>> json = new ArrayList<>();
        if (last != null) {
            synchronized (last) {
                last.forEach(timeline -> json.add(timeline.json()));
            }
        }
        return json;
    }
}
