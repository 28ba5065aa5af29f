package dev.sluice.testing;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/** An executor that runs nothing until the test says so, so that tests can observe instances mid-launch. */
public final class QueuedExecutor implements Executor {
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable command) {
        queue.add(command);
    }

    /** Runs queued tasks, including those they queue, until none is left; returns how many ran. */
    public int runAll() {
        int ran = 0;
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
            }
            if (next == null) {
                return ran;
            }
            next.run();
            ran++;
        }
    }

    /** Runs the oldest queued task alone (not those it queues); returns whether there was one. */
    public boolean runNext() {
        Runnable next;
        synchronized (this) {
            next = queue.poll();
        }
        if (next == null) {
            return false;
        }
        next.run();
        return true;
    }

    /** Runs one queued task picked by {@code random} (not those it queues); returns whether there was one. */
    public boolean runAny(java.util.Random random) {
        Runnable next;
        synchronized (this) {
            if (queue.isEmpty()) {
                return false;
            }
            java.util.List<Runnable> tasks = new java.util.ArrayList<>(queue);
            next = tasks.remove(random.nextInt(tasks.size()));
            queue.clear();
            queue.addAll(tasks);
        }
        next.run();
        return true;
    }

    /** Returns how many tasks wait. */
    public synchronized int pending() {
        return queue.size();
    }
}
