package dev.sluice.runtime.java;

import org.jspecify.annotations.Nullable;

/**
 * Runs the function initializer at most once per process and remembers how that one run ended.
 *
 * <p>Concurrency contract:
 *
 * <ol>
 *   <li>{@code state} and {@code failure} are guarded by {@code this}; any HTTP worker thread may call any method.
 *   <li>The first {@link #run} moves {@code NOT_RUN -> RUNNING} under the lock, then runs the initializer on its
 *       own thread <em>without</em> the lock, so {@link #requireSucceeded} never waits behind a slow initializer.
 *   <li>Callers that find {@code RUNNING} wait on the monitor until the run ends, then answer its outcome. They never
 *       start a second run.
 *   <li>The runner moves {@code RUNNING -> SUCCEEDED} or {@code RUNNING -> FAILED} and wakes all waiters, even when
 *       the initializer threw an {@link Error}: no waiter can hang on a run that is over.
 *   <li>{@code SUCCEEDED} and {@code FAILED} are final. A failed initializer is never re-run, and every later call
 *       gets the very same exception (local FC tools marked a failed initializer as done; Sluice must not).
 *   <li>{@link #requireSucceeded} does not wait: an invoke that arrives before success is refused at once. The
 *       platform sends no invoke before {@code /initialize} succeeded, so one that does is a caller bug to report.
 * </ol>
 */
final class InitOnce {
    /** The initializer itself: resolve the method, create the instance, call it. */
    interface Task {
        void run() throws Exception;
    }

    private enum State {
        NOT_RUN,
        RUNNING,
        SUCCEEDED,
        FAILED
    }

    private State state = State.NOT_RUN;
    /** Set exactly when {@code state == FAILED}. */
    private @Nullable Throwable failure;

    /**
     * Runs {@code task} if no run has started; otherwise waits for that run. Returns when the initializer has
     * succeeded, and throws what it threw when it has failed.
     */
    @SuppressWarnings("checkstyle:IllegalCatch") // an Error from the initializer must end the run too (rule 4)
    void run(Task task) throws Exception {
        synchronized (this) {
            while (state == State.RUNNING) {
                wait();
            }
            if (state != State.NOT_RUN) {
                rethrowIfFailed();
                return;
            }
            state = State.RUNNING;
        }
        Throwable thrown = null;
        try {
            task.run();
        } catch (Throwable t) {
            thrown = t;
        }
        synchronized (this) {
            state = thrown == null ? State.SUCCEEDED : State.FAILED;
            failure = thrown;
            notifyAll();
            rethrowIfFailed();
        }
    }

    /**
     * Returns if the initializer has succeeded; otherwise throws an {@link InitializationException} that says why
     * the handler may not run (not run yet, still running, or failed, with the failure as its cause).
     */
    synchronized void requireSucceeded(String initializer) throws InitializationException {
        switch (state) {
            case SUCCEEDED -> {
                return;
            }
            case NOT_RUN -> throw new InitializationException("initializer " + initializer
                    + " has not run yet; the handler runs only after POST /initialize succeeded");
            case RUNNING -> throw new InitializationException("initializer " + initializer
                    + " is still running; the handler runs only after POST /initialize succeeded");
            case FAILED -> throw new InitializationException(
                    "initializer " + initializer + " failed, so this instance cannot run the handler: "
                            + ErrorBody.message(ErrorBody.unwrap(requireNonNull(failure))),
                    failure);
        }
    }

    /** Returns true once the initializer has succeeded. */
    synchronized boolean hasSucceeded() {
        return state == State.SUCCEEDED;
    }

    private void rethrowIfFailed() throws Exception {
        Throwable error = failure;
        if (error instanceof Exception exception) {
            throw exception;
        }
        if (error instanceof Error e) {
            throw e;
        }
        if (error != null) {
            throw new IllegalStateException(error);
        }
    }

    private static Throwable requireNonNull(@Nullable Throwable failure) {
        if (failure == null) {
            throw new IllegalStateException("state FAILED without a failure");
        }
        return failure;
    }
}
