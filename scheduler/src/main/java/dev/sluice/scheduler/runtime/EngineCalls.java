package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.exception.DockerException;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;

/**
 * How the Docker classes call the engine and say what went wrong: each call bounded in time ({@link BoundedCalls}),
 * an engine's refusal as a {@link ContainerRuntimeException} with its reason, and no answer at all as an
 * {@link EngineUnreachableException}.
 */
final class EngineCalls {
    private final String host;
    private final BoundedCalls calls;

    EngineCalls(String host) {
        this.host = host;
        this.calls = new BoundedCalls(host);
    }

    /** Returns what {@code call} answers within {@code timeout}; see {@link BoundedCalls#run}. */
    <T> T run(Duration timeout, Callable<T> call) {
        return calls.run(timeout, call);
    }

    /** Runs {@code call}, waiting {@link DockerEnvironment#CALL_TIMEOUT} at most. */
    <T> T bounded(Callable<T> call) {
        return calls.run(DockerEnvironment.CALL_TIMEOUT, call);
    }

    /**
     * Returns the failure of a call that got no answer from the engine (the transport failed: refused, reset, timed
     * out), or {@code e} itself when it already is one of ours.
     */
    ContainerRuntimeException unreachable(String what, RuntimeException e) {
        if (e instanceof ContainerRuntimeException ours) {
            return ours;
        }
        return new EngineUnreachableException(host, what, rootReason(e), e);
    }

    /** Returns the failure of a call the engine refused, with the first line of its reason. */
    static ContainerRuntimeException failure(String what, DockerException e) {
        return new ContainerRuntimeException(what + " failed: " + firstLine(e.getMessage()), e);
    }

    private static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : firstLine(message);
    }

    private static String firstLine(@Nullable String message) {
        if (message == null) {
            return "no reason given";
        }
        return message.strip().lines().findFirst().orElse("no reason given");
    }

    void close() {
        calls.close();
    }
}
