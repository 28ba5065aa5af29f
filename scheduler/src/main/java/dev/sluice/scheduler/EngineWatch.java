package dev.sluice.scheduler;

import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.EngineUnreachableException;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Watches the container engine as a part that fails: a ping every {@link #INTERVAL} on the clock, and the stream of
 * container exits, whose break is often the first sign. When the engine stops answering, it says so once (the
 * console, {@link #state()} for {@code /readyz} and the views); calls that need the engine fail on their own within
 * their bounds meanwhile. When it answers again, it says {@code engine back after N s}, watches the exits again and
 * has {@link CrashDiagnosis#reconcile} bring what the scheduler believes in line with what runs.
 *
 * <p>Threads: pings run on the watch's own thread (a ping may wait its whole timeout, and must not queue behind
 * launches on the docker executor); the clock only schedules them. State changes are serialized on that thread.
 */
final class EngineWatch implements Closeable {
    static final Duration INTERVAL = Duration.ofSeconds(2);

    private final ContainerRuntime containers;
    private final String host;
    private final Clock clock;
    private final Consumer<String> console;
    private final Consumer<String> onExit;
    private final Runnable reconcile;

    private final String labelKey;
    private final String labelValue;
    /** Runs pings and state changes, one at a time. */
    private final Executor pinger;

    private volatile EngineState state;
    /** The exit stream now; replaced when it breaks and the engine answers again. Only the watch's thread sets it. */
    private volatile @Nullable Closeable exits;
    /** Set when the exit stream broke: exits are missed until it is watched again. */
    private volatile boolean exitsBroken;

    private volatile boolean closed;

    /**
     * @param pinger runs the pings and what follows from them, one task at a time (a single thread in production)
     * @param reconcile brings the scheduler in line with the engine after exits may have been missed
     */
    EngineWatch(
            ContainerRuntime containers,
            Executor pinger,
            Clock clock,
            Consumer<String> console,
            String labelKey,
            String labelValue,
            Consumer<String> onExit,
            Runnable reconcile) {
        this.containers = containers;
        this.pinger = pinger;
        this.host = containers.host();
        this.clock = clock;
        this.console = console;
        this.labelKey = labelKey;
        this.labelValue = labelValue;
        this.onExit = onExit;
        this.reconcile = reconcile;
        this.state = new EngineState(host, true, clock.epochMillis(), null);
    }

    /** Starts watching the exits and pinging. */
    void start() {
        exits = containers.watchExits(labelKey, labelValue, onExit, this::streamBroke);
        schedule(INTERVAL);
    }

    /** Returns the engine's state as last seen. */
    EngineState state() {
        return state;
    }

    /** Something found the engine unreachable (a call, the exit stream): check now rather than at the next tick. */
    void suspect() {
        runOnWatch(this::check);
    }

    private void streamBroke(Throwable cause) {
        if (!closed) {
            exitsBroken = true;
            suspect();
        }
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            clock.schedule(
                    delay.toNanos(),
                    () -> runOnWatch(() -> {
                        check();
                        schedule(INTERVAL);
                    }));
        } catch (RejectedExecutionException e) {
            // The clock stopped: so does the watch.
        }
    }

    private void runOnWatch(Runnable task) {
        try {
            pinger.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    /** Pings, and moves to up or down; on the watch's thread. */
    private void check() {
        if (closed) {
            return;
        }
        String failure = null;
        try {
            containers.ping();
        } catch (EngineUnreachableException e) {
            failure = e.reason();
        } catch (ContainerRuntimeException e) {
            failure = String.valueOf(e.getMessage());
        }
        if (failure != null) {
            down(failure);
        } else if (!state.up() || exitsBroken) {
            back();
        }
    }

    private void down(String reason) {
        EngineState was = state;
        if (was.up()) {
            state = new EngineState(host, false, clock.epochMillis(), reason);
            console.accept("the Docker engine at " + host + " cannot be reached (" + reason + "): calls that need a"
                    + " new instance fail with 503 EngineUnavailable until it answers again; warm instances go on");
        } else if (!reason.equals(was.reason())) {
            state = new EngineState(host, false, was.sinceEpochMillis(), reason);
        }
    }

    private void back() {
        EngineState was = state;
        long now = clock.epochMillis();
        // Watch first, then look: an exit between the two is seen by both, and handled once by its owner.
        closeQuietly(exits);
        exitsBroken = false;
        try {
            exits = containers.watchExits(labelKey, labelValue, onExit, this::streamBroke);
            reconcile.run();
        } catch (ContainerRuntimeException e) {
            exitsBroken = true; // gone again: the next check tries once more
            return;
        }
        state = new EngineState(host, true, now, null);
        if (!was.up()) {
            console.accept("the Docker engine is back after " + Math.max(0, (now - was.sinceEpochMillis()) / 1000)
                    + " s: exits are watched again and what runs was checked against what Sluice knows");
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(exits);
    }

    private static void closeQuietly(@Nullable Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException e) {
            // Only a stream of events; a broken one has nothing left to release.
        }
    }
}
