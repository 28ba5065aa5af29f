package dev.sluice.scheduler.runtime;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs engine calls with a deadline the caller can rely on. The Docker client's own response timeout does not hold
 * on a Unix socket (the socket ignores it), so an engine that takes a call and never answers would hold its caller
 * for good: each call runs on a thread of its own, which is left to the engine while the caller goes on with an
 * {@link EngineUnreachableException}. Such a thread ends when the engine answers or drops the connection.
 */
final class BoundedCalls {
    private final String host;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-engine-call");
        t.setDaemon(true);
        return t;
    });

    BoundedCalls(String host) {
        this.host = host;
    }

    /** Returns what {@code call} answers within {@code timeout}; its own failures are thrown as they are. */
    <T> T run(Duration timeout, Callable<T> call) {
        Future<T> answer = threads.submit(call);
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new EngineUnreachableException(host, "a call", "no answer within " + timeout.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new ContainerRuntimeException("an engine call failed: " + cause, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnreachableException(host, "a call", "interrupted while waiting for the engine", e);
        }
    }

    void close() {
        threads.shutdownNow();
    }
}
