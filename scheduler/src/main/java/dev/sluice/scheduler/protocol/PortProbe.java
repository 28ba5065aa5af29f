package dev.sluice.scheduler.protocol;

import dev.sluice.scheduler.api.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a TCP port to accept connections, without a polling loop: each attempt is a check scheduled on the
 * {@link Clock}, and the connect itself (which blocks up to {@value #CONNECT_TIMEOUT_MS} ms) runs on the probe's
 * executor, never on the clock's thread. The answer is a future: true once a connect succeeds, false when the deadline
 * passes first or the container is found dead ({@code alive} is asked every {@value #ATTEMPTS_PER_LIVENESS_CHECK}th
 * attempt, since it asks the engine).
 */
final class PortProbe {
    static final int CONNECT_TIMEOUT_MS = 200;
    static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    static final int ATTEMPTS_PER_LIVENESS_CHECK = 20;

    private final Clock clock;
    private final Executor executor;
    private final InetSocketAddress address;
    private final long deadlineNanos;
    private final BooleanSupplier alive;
    private final CompletableFuture<Boolean> result = new CompletableFuture<>();
    private int attempts;

    private PortProbe(
            Clock clock, Executor executor, InetSocketAddress address, long deadlineNanos, BooleanSupplier alive) {
        this.clock = clock;
        this.executor = executor;
        this.address = address;
        this.deadlineNanos = deadlineNanos;
        this.alive = alive;
    }

    /** Starts probing {@code address} until {@code timeoutNanos} from now; see the class comment. */
    static CompletableFuture<Boolean> start(
            Clock clock, Executor executor, InetSocketAddress address, long timeoutNanos, BooleanSupplier alive) {
        PortProbe probe = new PortProbe(clock, executor, address, clock.nanoTime() + timeoutNanos, alive);
        probe.attemptSoon(0);
        return probe.result;
    }

    private void attemptSoon(long delayNanos) {
        try {
            if (delayNanos == 0) {
                executor.execute(this::attempt);
            } else {
                clock.schedule(delayNanos, () -> attemptSoon(0));
            }
        } catch (RejectedExecutionException e) {
            result.complete(false); // shutting down
        }
    }

    private void attempt() {
        if (connects()) {
            result.complete(true);
        } else if (clock.nanoTime() >= deadlineNanos || (++attempts % ATTEMPTS_PER_LIVENESS_CHECK == 0 && !isAlive())) {
            result.complete(false);
        } else {
            attemptSoon(PAUSE_NANOS);
        }
    }

    /** Asks whether the container lives; when the engine cannot say, it may, and the deadline decides. */
    private boolean isAlive() {
        try {
            return alive.getAsBoolean();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private boolean connects() {
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
