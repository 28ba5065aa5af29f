package dev.sluice.scheduler.pool;

import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Lease;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A request waiting for a slot until its deadline. Its future is completed outside the pool's lock; its timer is
 * owned by whichever pool holds it now (a redeploy hands waiters to the new version's pool).
 */
final class Waiter {
    final CompletableFuture<Lease> future = new CompletableFuture<>();
    final long deadlineNanos;
    private volatile Clock.@Nullable Cancellable timer;

    Waiter(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** Keeps the deadline's timer, to cancel it once served; cancels it at once if served meanwhile. */
    void timer(Clock.Cancellable timer) {
        this.timer = timer;
        if (future.isDone()) {
            timer.cancel();
        }
    }

    void cancelTimer() {
        Clock.Cancellable t = timer;
        if (t != null) {
            t.cancel();
        }
    }

    /** Hands {@code lease} to the request; if it gave up meanwhile, the slot goes straight back. */
    void complete(Lease lease) {
        cancelTimer();
        if (!future.complete(lease)) {
            lease.release();
        }
    }

    void fail(Throwable cause) {
        cancelTimer();
        future.completeExceptionally(cause);
    }
}
