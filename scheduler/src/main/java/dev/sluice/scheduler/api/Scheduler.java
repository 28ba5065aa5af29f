package dev.sluice.scheduler.api;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * What the gateway asks of the scheduler: a slot on an instance for each call, deployments, and views of what runs.
 * The gateway knows nothing else of scheduling; tests give it a fake.
 *
 * <p>Threads: {@link #acquire}, {@link #callLog}, {@link #diagnose} and the views never block and may be called on an
 * event loop. {@link #deploy}, {@link #remove}, {@link #logs} and {@link #close} block (they may build images, start
 * services, remove containers, read logs) and must not be.
 */
public interface Scheduler {

    /**
     * Returns a lease on a slot of a READY instance of {@code target}'s version, waiting until {@code deadlineNanos}
     * (on {@link #clock()}) at most. Fails with a {@link SchedulerException} saying why no slot was had.
     */
    CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos);

    /** Returns a lease on a slot of what is deployed as {@code function} now (its LATEST); see the other acquire. */
    default CompletableFuture<Lease> acquire(String function, long deadlineNanos) {
        try {
            return acquire(target(function, null), deadlineNanos);
        } catch (SchedulerException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Returns what a call of {@code function} by {@code qualifier} runs: what is deployed now for none or {@link
     * CallTarget#LATEST}, else a published version, or the version an alias gives this call. Never blocks.
     *
     * @throws UnknownFunctionException if the function is not deployed (and no qualifier was named)
     * @throws UnknownQualifierException if the function has no such version or alias
     */
    CallTarget target(String function, @Nullable String qualifier);

    /** Returns the functions' versions and aliases. */
    Releases releases();

    /** Returns a snapshot of the pool of each published version, by function, then version. */
    List<FunctionView> versionPools();

    /** Returns the deployed version of {@code function}, if any. */
    Optional<FunctionSpec> function(String function);

    /**
     * Returns the deployed functions, in document order. The same list object is returned until the next deploy, so
     * callers may cache what they derive from it by identity.
     */
    List<FunctionSpec> deployed();

    /**
     * Makes {@code document} the deployed set, whole: a failure changes nothing. Unchanged functions keep their warm
     * instances; changed and removed ones drain. Blocks.
     */
    void deploy(FunctionsDocument document);

    /**
     * Removes {@code function} from the deployment; the others, the services and the stem cells stay. Blocks.
     *
     * @throws UnknownFunctionException if no function of that name is deployed
     */
    void remove(String function);

    /**
     * Returns the last {@code tailLines} lines of each of {@code function}'s instances' logs, by instance id. Blocks.
     *
     * @throws UnknownFunctionException if no function of that name is deployed
     */
    Map<String, List<String>> logs(String function, int tailLines);

    /** Returns a snapshot of every deployed function and its instances. */
    List<FunctionView> functions();

    /** Returns a snapshot of the backing services. */
    List<ServiceView> services();

    /** Returns how many stem cells wait to be specialized. */
    int stemCellsReady();

    /** Returns whether the container engine answers, as last seen, and since when. */
    EngineState engine();

    /** Returns where instance changes, scale decisions and cold starts are published as they happen. */
    PlatformEvents events();

    /** Returns whether the scheduler is shutting down (and takes no more requests). */
    boolean isClosing();

    /** Returns the scheduler's clock: acquire deadlines are on it, and the gateway reads its time from it. */
    Clock clock();

    /**
     * Returns the log of call {@code requestId}, which ran on {@code lease}'s instance from {@code since}, as FC's
     * {@code x-fc-log-result} (base64 of its last 4 KB).
     */
    CompletableFuture<String> callLog(Lease lease, Instant since, String requestId);

    /**
     * Returns why the instance behind {@code lease} broke mid-request, e.g. {@code OOMKilled} or {@code exit 137}, or
     * {@code connectionError} with a note when the engine knows nothing better within two seconds.
     */
    CompletableFuture<String> diagnose(Lease lease, String connectionError);

    /** Drains every pool, waiting {@code grace} at most for calls in flight, then removes every container. Blocks. */
    void close(Duration grace);
}
