package dev.sluice.gateway.trace;

import dev.sluice.scheduler.api.ColdStart;
import dev.sluice.scheduler.api.Lease;
import org.jspecify.annotations.Nullable;

/**
 * One call's trace, filled in as the call goes (on its connection's event loop): the traceparent it carries to the
 * function, and when it arrived, got its slot (after the cold start it waited for, if any), reached the function and
 * had its answer.
 */
public final class CallTrace {
    private final String requestId;
    private final String function;
    private final String traceparent;
    private final long arrivedNanos;
    private final long arrivedEpochMillis;
    private long leasedNanos = -1;
    private long sentNanos = -1;
    private long answeredNanos = -1;
    private long coldWaitNanos;
    private @Nullable ColdStart coldStart;

    CallTrace(String requestId, String function, String traceparent, long arrivedNanos, long arrivedEpochMillis) {
        this.requestId = requestId;
        this.function = function;
        this.traceparent = traceparent;
        this.arrivedNanos = arrivedNanos;
        this.arrivedEpochMillis = arrivedEpochMillis;
    }

    /** Returns the traceparent the function gets: the caller's trace (or a new one), the gateway's span. */
    public String traceparent() {
        return traceparent;
    }

    /** The call got a slot on {@code lease}'s instance at {@code nowNanos}. */
    public void leased(Lease lease, long nowNanos) {
        leasedNanos = nowNanos;
        long readyAt = lease.readyAtNanos();
        if (readyAt != Long.MIN_VALUE && readyAt > arrivedNanos) {
            // It waited for this instance's cold start, from its arrival (or the start's beginning) to READY.
            coldWaitNanos = Math.min(readyAt, nowNanos) - arrivedNanos;
            coldStart = lease.coldStart();
        }
    }

    /** The request went to the instance at {@code nowNanos}. */
    public void sent(long nowNanos) {
        sentNanos = nowNanos;
    }

    /** The function's answer (its head, for a streamed one) came at {@code nowNanos}. */
    public void answered(long nowNanos) {
        answeredNanos = nowNanos;
    }

    /** Returns the {@code Server-Timing} header for an answer sent at {@code nowNanos} (see {@link Timeline}). */
    public String serverTiming(long nowNanos) {
        return timeline(nowNanos, 0, "").serverTiming();
    }

    /** Returns the call's timeline as it ended at {@code nowNanos} with {@code status} (and its error type). */
    Timeline timeline(long nowNanos, int status, String errorType) {
        long total = nowNanos - arrivedNanos;
        long waited = leasedNanos < 0 ? total : leasedNanos - arrivedNanos;
        long inFunction = sentNanos < 0 || answeredNanos < sentNanos ? 0 : answeredNanos - sentNanos;
        return new Timeline(
                requestId,
                function,
                traceparent,
                arrivedEpochMillis,
                status,
                errorType,
                Math.max(0, waited - coldWaitNanos),
                coldWaitNanos,
                coldStart,
                inFunction,
                Math.max(0, total - waited - inFunction),
                total);
    }
}
