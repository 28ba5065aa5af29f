package dev.sluice.scheduler.logs;

import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Reads the log of one finished call from its instance's container, off the caller's thread. A runtime writes its
 * end marker as it answers, and the engine copies output a moment after it is written; so when the call's end
 * marker is not there yet, the log is read once more {@link #SETTLE_MILLIS} later, and taken as it is then.
 */
public final class CallLogs {
    static final long SETTLE_MILLIS = 100;

    private final ContainerRuntime containers;
    private final Clock clock;
    private final Executor executor;

    public CallLogs(ContainerRuntime containers, Clock clock, Executor executor) {
        this.containers = containers;
        this.clock = clock;
        this.executor = executor;
    }

    /**
     * Returns FC's {@code x-fc-log-result} of call {@code requestId}, which ran in {@code containerId} from {@code
     * since}: the base64 of the last 4 KB of its lines. Completes with an empty log when the engine cannot say.
     */
    public CompletableFuture<String> tail(String containerId, Instant since, String requestId) {
        CompletableFuture<String> result = new CompletableFuture<>();
        executor.execute(() -> read(containerId, since, requestId, result, true));
        return result;
    }

    private void read(
            String containerId, Instant since, String requestId, CompletableFuture<String> result, boolean first) {
        List<String> lines;
        try {
            lines = containers.logsSince(containerId, since);
        } catch (ContainerRuntimeException e) {
            result.complete(CallLog.tail(List.of("(the call's log could not be read: " + e.getMessage() + ")")));
            return;
        }
        List<String> own = CallLog.of(lines, requestId);
        boolean marked = own.size() != lines.size() || own.stream().anyMatch(l -> l.contains(requestId));
        if (first && marked && !CallLog.isComplete(own, requestId)) {
            clock.schedule(
                    TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS),
                    () -> executor.execute(() -> read(containerId, since, requestId, result, false)));
            return;
        }
        result.complete(CallLog.tail(own));
    }
}
