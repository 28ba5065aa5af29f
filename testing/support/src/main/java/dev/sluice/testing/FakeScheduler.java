package dev.sluice.testing;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.Lease;
import dev.sluice.scheduler.api.PlatformEvents;
import dev.sluice.scheduler.api.Releases;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.SchedulerException;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.scheduler.release.ReleaseBook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A scheduler in memory, for the gateway's tests: every call of a deployed function gets a lease on {@link #endpoint}
 * (an in-process server playing the instance), at once or when the test hands it out, or the failure the test sets.
 * It records what the gateway did with each lease.
 */
public class FakeScheduler implements Scheduler {
    public final ManualClock clock = new ManualClock();
    public final PlatformEvents events = new PlatformEvents();
    /** The instance ids of leases released, in order. */
    public final List<String> released = new CopyOnWriteArrayList<>();
    /** {@code <instance id>: <reason>} of leases retired, in order. */
    public final List<String> retired = new CopyOnWriteArrayList<>();
    /** Where every lease points. */
    public volatile Endpoint endpoint = new Endpoint("127.0.0.1", 9, null, 9000);
    /** When set, every acquire fails with it. */
    public volatile @Nullable SchedulerException refusal;
    /** When set, acquires wait until the test calls {@link #handOut()}. */
    public volatile boolean holdAcquires;
    /** What {@link #diagnose} answers; null answers the connection error itself. */
    public volatile @Nullable String diagnosis;
    /** What {@link #callLog} answers. */
    public volatile String callLog = "";

    public volatile boolean closing;
    private volatile List<FunctionSpec> deployed = List.of();
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final AtomicInteger leases = new AtomicInteger();

    /** The versions and aliases, real ones kept in a directory of their own; versions get no pools. */
    public final ReleaseBook releases = openReleases();
    /** The targets acquired, in order. */
    public final List<CallTarget> acquired = new CopyOnWriteArrayList<>();

    private ReleaseBook openReleases() {
        try {
            return ReleaseBook.open(Files.createTempDirectory("sluice-fake-releases"), clock, name -> function(name)
                    .orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public CompletableFuture<Lease> acquire(CallTarget target, long deadlineNanos) {
        FunctionSpec spec = target.function();
        if (target.version().equals(CallTarget.LATEST)
                && function(target.name()).isEmpty()) {
            return CompletableFuture.failedFuture(new UnknownFunctionException(target.name()));
        }
        acquired.add(target);
        SchedulerException refused = refusal;
        if (refused != null) {
            return CompletableFuture.failedFuture(refused);
        }
        if (holdAcquires) {
            CompletableFuture<Lease> later = new CompletableFuture<>();
            synchronized (pending) {
                pending.add(new Pending(spec, later));
            }
            return later;
        }
        return CompletableFuture.completedFuture(new FakeLease(spec, spec.name() + "-" + leases.incrementAndGet()));
    }

    /** Hands a lease to the oldest acquire that waits; returns whether one did. */
    public boolean handOut() {
        Pending next;
        synchronized (pending) {
            next = pending.poll();
        }
        if (next == null) {
            return false;
        }
        next.future().complete(new FakeLease(next.spec(), next.spec().name() + "-" + leases.incrementAndGet()));
        return true;
    }

    /** Returns how many acquires wait for {@link #handOut()}. */
    public int waiting() {
        synchronized (pending) {
            return pending.size();
        }
    }

    @Override
    public CallTarget target(String function, @Nullable String qualifier) {
        if (qualifier == null || qualifier.equals(CallTarget.LATEST)) {
            return CallTarget.latest(function(function).orElseThrow(() -> new UnknownFunctionException(function)));
        }
        return releases.target(function, qualifier);
    }

    @Override
    public Releases releases() {
        return releases;
    }

    @Override
    public List<FunctionView> versionPools() {
        return List.of();
    }

    @Override
    public Optional<FunctionSpec> function(String function) {
        return deployed.stream().filter(f -> f.name().equals(function)).findFirst();
    }

    @Override
    public List<FunctionSpec> deployed() {
        return deployed;
    }

    @Override
    public void deploy(FunctionsDocument document) {
        deployed = List.copyOf(document.functions());
    }

    /** Deploys {@code functions}, as a document with nothing else would. */
    public void deploy(FunctionSpec... functions) {
        deployed = List.of(functions);
    }

    @Override
    public void remove(String function) {
        if (function(function).isEmpty()) {
            throw new UnknownFunctionException(function);
        }
        deployed = deployed.stream().filter(f -> !f.name().equals(function)).toList();
    }

    @Override
    public Map<String, List<String>> logs(String function, int tailLines) {
        if (function(function).isEmpty()) {
            throw new UnknownFunctionException(function);
        }
        return Map.of(function + "-1", List.of("log of " + function));
    }

    @Override
    public List<FunctionView> functions() {
        List<FunctionView> views = new ArrayList<>();
        for (FunctionSpec spec : deployed) {
            views.add(new FunctionView(spec, "fake/image:1", null, List.of(), waiting(), null, CallTarget.LATEST));
        }
        return views;
    }

    @Override
    public List<ServiceView> services() {
        return List.of();
    }

    @Override
    public int stemCellsReady() {
        return 0;
    }

    /** What {@link #engine} answers. */
    public volatile EngineState engine = new EngineState("fake://engine", true, 0, null);

    @Override
    public EngineState engine() {
        return engine;
    }

    @Override
    public PlatformEvents events() {
        return events;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CompletableFuture<String> callLog(Lease lease, Instant since, String requestId) {
        return CompletableFuture.completedFuture(callLog);
    }

    @Override
    public CompletableFuture<String> diagnose(Lease lease, String connectionError) {
        String known = diagnosis;
        return CompletableFuture.completedFuture(known != null ? known : connectionError);
    }

    @Override
    public void close(Duration grace) {
        closing = true;
    }

    private record Pending(FunctionSpec spec, CompletableFuture<Lease> future) {}

    /** A lease that records how it ended; only the first of release and retire counts, as with the real one. */
    private final class FakeLease implements Lease {
        private final FunctionSpec spec;
        private final String instanceId;
        private final Endpoint at = endpoint;
        private boolean ended;

        FakeLease(FunctionSpec spec, String instanceId) {
            this.spec = spec;
            this.instanceId = instanceId;
        }

        @Override
        public Endpoint endpoint() {
            return at;
        }

        @Override
        public String instanceId() {
            return instanceId;
        }

        @Override
        public FunctionSpec function() {
            return spec;
        }

        @Override
        public @Nullable String containerId() {
            return "container-of-" + instanceId;
        }

        @Override
        public @Nullable String failure() {
            return null;
        }

        @Override
        public synchronized void release() {
            if (!ended) {
                ended = true;
                released.add(instanceId);
            }
        }

        @Override
        public synchronized void retire(String reason) {
            if (!ended) {
                ended = true;
                retired.add(instanceId + ": " + reason);
            }
        }
    }
}
