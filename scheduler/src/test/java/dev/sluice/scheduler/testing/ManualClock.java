package dev.sluice.scheduler.testing;

import dev.sluice.scheduler.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when a test advances it, running due tasks in time order as it passes them. */
public final class ManualClock implements Clock {
    private long now = 1_000_000_000L;
    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNanos, Runnable task) {
        Task t = new Task(nanoTime() + Math.max(0, delayNanos), task);
        synchronized (this) {
            tasks.add(t);
        }
        return () -> {
            synchronized (this) {
                tasks.remove(t);
            }
        };
    }

    /** Moves time forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        long target;
        synchronized (this) {
            target = now + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.stream()
                        .filter(t -> t.dueNanos <= target)
                        .min(Comparator.comparingLong(t -> t.dueNanos))
                        .orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                now = Math.max(now, next.dueNanos);
            }
            next.task.run();
        }
    }

    /** Returns how many tasks wait to run. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private record Task(long dueNanos, Runnable task) {}
}
