package dev.sluice.scheduler.pool;

import java.util.ArrayList;
import java.util.List;

/**
 * Work a pool decided under its lock and does after releasing it, in the order it was decided: platform events and
 * console lines, completing or failing requests, launches, container removals, timers. Nothing here may run under
 * the lock, because each of these calls out (to listeners, to callers' callbacks, to the executor or the clock)
 * and a callback may come straight back into the pool.
 */
final class Effects {
    private final List<Runnable> work = new ArrayList<>(4);

    void add(Runnable step) {
        work.add(step);
    }

    /** Does the work. Call without holding the pool's lock. */
    void run() {
        for (Runnable step : work) {
            step.run();
        }
    }
}
