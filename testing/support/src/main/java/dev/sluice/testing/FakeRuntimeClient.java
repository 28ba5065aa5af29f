package dev.sluice.testing;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.protocol.InitializerFailedException;
import dev.sluice.scheduler.protocol.RuntimeClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/** A runtime whose port is ready at once and whose initializer succeeds unless a test sets {@link #initFailure}. */
public class FakeRuntimeClient implements RuntimeClient {
    /** The instance ids whose initializer ran, in order. */
    public final List<String> initialized = new ArrayList<>();

    public volatile @Nullable String initFailure;
    public volatile boolean portOpens = true;
    /** The instance ids whose pre-stop handler ran, in order. */
    public final List<String> preStopped = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** What the pre-stop handler answers: null for success, else the failure. */
    public volatile @Nullable String preStopFailure;
    /** The environments stem cells were specialized with, by instance id, in order. */
    public final Map<String, Map<String, String>> specialized = new LinkedHashMap<>();
    /** The version each initialized instance was initialized as, by instance id. */
    public final Map<String, String> initializedAs = new LinkedHashMap<>();
    /** Runs as a stem cell is specialized: lets a test look at what had happened by then. */
    public volatile Runnable onSpecialize = () -> {};

    @Override
    public synchronized void specialize(Endpoint endpoint, Map<String, String> env, String instanceId) {
        specialized.put(instanceId, Map.copyOf(env));
        onSpecialize.run();
    }

    @Override
    public CompletableFuture<Boolean> awaitPort(Endpoint endpoint, Duration timeout, BooleanSupplier alive) {
        return CompletableFuture.completedFuture(portOpens);
    }

    @Override
    public synchronized void initialize(
            Endpoint endpoint, FunctionSpec function, String instanceId, String version, Duration timeout) {
        initialized.add(instanceId);
        initializedAs.put(instanceId, version);
        String failure = initFailure;
        if (failure != null) {
            throw new InitializerFailedException(failure);
        }
    }

    @Override
    public @Nullable String preStop(Endpoint endpoint, FunctionSpec function, String instanceId, Duration timeout) {
        preStopped.add(instanceId);
        return preStopFailure;
    }
}
