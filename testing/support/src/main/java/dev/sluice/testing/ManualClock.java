package dev.sluice.testing;

import dev.sluice.scheduler.api.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A clock that moves only when a test advances it, running due tasks in time order as it passes them. */
public final class ManualClock implements Clock {
    private static final long START_NANOS = 1_000_000_000L;
    /** The wall-clock time at the start: 2026-01-01T00:00:00Z. */
    private static final long START_EPOCH_MILLIS = 1_767_225_600_000L;

    private long now = START_NANOS;
    private final List<Task> tasks = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized long epochMillis() {
        return START_EPOCH_MILLIS + (now - START_NANOS) / 1_000_000L;
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

    /**
     * Moves time forward to the first task due within {@code limit} and runs that one task alone; with none due,
     * moves the whole {@code limit}. Returns whether a task ran. Lets a test see the state after every single timer.
     */
    public boolean advanceToNext(Duration limit) {
        Task next;
        synchronized (this) {
            long target = now + limit.toNanos();
            next = tasks.stream()
                    .filter(t -> t.dueNanos <= target)
                    .min(Comparator.comparingLong(t -> t.dueNanos))
                    .orElse(null);
            if (next == null) {
                now = target;
                return false;
            }
            tasks.remove(next);
            now = Math.max(now, next.dueNanos);
        }
        next.task.run();
        return true;
    }

    /** Returns whether a task is due now and has not run yet (several fell due at the same instant). */
    public synchronized boolean hasDueTasks() {
        return tasks.stream().anyMatch(t -> t.dueNanos <= now);
    }

    /** Returns how many tasks wait to run. */
    public synchronized int pendingTasks() {
        return tasks.size();
    }

    private record Task(long dueNanos, Runnable task) {}
}
