package dev.sluice.scheduler.protocol;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Endpoint;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The platform's side of the FC runtime protocol for the calls the scheduler makes itself: waiting for the port and
 * {@code POST /initialize}. Invocations go through the gateway's pooled client instead. The calls other than
 * {@link #awaitPort} block; they run on the scheduler's executor.
 */
public interface RuntimeClient {

    /**
     * Returns a future that completes with true once the endpoint accepts connections, or with false when
     * {@code timeout} passes first or {@code alive} turns false (the container exited). Never blocks.
     */
    CompletableFuture<Boolean> awaitPort(Endpoint endpoint, Duration timeout, BooleanSupplier alive);

    /**
     * Gives a stem cell (a runtime started with no function) its function's environment variables, once.
     *
     * @throws InitializerFailedException when the runtime refuses, with its reason
     */
    void specialize(Endpoint endpoint, Map<String, String> env, String instanceId);

    /**
     * Runs the function's initializer and returns normally when it answered 2xx within its timeout. The request
     * names {@code version} (LATEST or a published version's id) as its qualifier and version.
     *
     * @throws InitializerFailedException otherwise, with the initializer's own message when it gave one
     */
    void initialize(Endpoint endpoint, FunctionSpec function, String instanceId, String version, Duration timeout);

    /**
     * Runs the function's pre-stop handler ({@code GET /pre-stop}) before its instance is removed, waiting at most
     * {@code timeout}. Returns why it failed, or null when it answered 2xx: a failure never keeps the instance.
     */
    @Nullable
    String preStop(Endpoint endpoint, FunctionSpec function, String instanceId, Duration timeout);
}
