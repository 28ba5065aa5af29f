package dev.sluice.scheduler;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.api.FunctionView;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.scheduler.api.UnknownQualifierException;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.pool.InstanceLauncher;
import dev.sluice.scheduler.pool.InstancePool;
import dev.sluice.scheduler.pool.PoolSettings;
import dev.sluice.scheduler.pool.StemCells;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.service.Services;
import dev.sluice.scheduler.state.CodeSnapshots;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The deployed functions: one {@link InstancePool} per function, swapped whole on each deploy, and the pools of
 * earlier versions still draining. Reads ({@link #pool}, {@link #deployed}, {@link #views}) take no lock; deploys are
 * serialized on this object.
 */
final class Deployments {
    private final ContainerRuntime containers;
    private final ImageSource images;
    private final InstanceLauncher launcher;
    private final Services services;
    private final Clock clock;
    private final PoolSettings scaling;
    private final Consumer<String> events;
    private final CodeSnapshots snapshots;

    /** The pools taking requests, by function name. Replaced whole on deploy; never mutated in place. */
    private volatile Map<String, Deployed> pools = Map.of();
    /** The specs of {@link #pools}, replaced with it. */
    private volatile List<FunctionSpec> deployed = List.of();
    /** The document {@link #pools} was deployed from, for {@link #remove} to deploy it again without one function. */
    private volatile FunctionsDocument document = new FunctionsDocument(List.of());
    /** Pools replaced by a deploy that still drain their in-flight requests. */
    private final List<InstancePool> draining = new CopyOnWriteArrayList<>();
    /** The pools of published versions, by function name, then version id. Each inner map replaced whole. */
    private final Map<String, Map<String, InstancePool>> versionPools = new ConcurrentHashMap<>();
    /** What to do once a deleted version's draining pool has drained, instead of releasing a code copy. */
    private final Map<InstancePool, Runnable> afterDrained = new ConcurrentHashMap<>();

    Deployments(
            ContainerRuntime containers,
            ImageSource images,
            InstanceLauncher launcher,
            Services services,
            Clock clock,
            PoolSettings scaling,
            Consumer<String> events,
            CodeSnapshots snapshots) {
        this.containers = containers;
        this.images = images;
        this.launcher = launcher;
        this.services = services;
        this.clock = clock;
        this.scaling = scaling;
        this.events = events;
        this.snapshots = snapshots;
    }

    /**
     * Makes {@code document} the deployed set: images are resolved first (so a failure changes nothing), then the
     * services, then new and changed functions get fresh pools (starting their reserved instances) and replaced or
     * removed ones drain, their waiting requests moving to the new version.
     */
    synchronized void deploy(FunctionsDocument document) {
        Map<Runtime, String> imageByRuntime = new EnumMap<>(Runtime.class);
        Map<String, String> imageByFunction = new LinkedHashMap<>();
        for (FunctionSpec spec : document.functions()) {
            imageByFunction.put(
                    spec.name(),
                    spec.container() != null
                            ? localImage(spec, spec.container().image())
                            : imageByRuntime.computeIfAbsent(spec.runtime(), images::imageFor));
        }
        noteMemoryBeyondTheMachine(document);
        noteOtherLanguageVersions(document);
        // The services first: a function's initializer may need its database.
        services.deploy(document.services());
        Map<String, Deployed> next = new LinkedHashMap<>();
        List<InstancePool> started = new ArrayList<>();
        for (FunctionSpec spec : document.functions()) {
            CodeVersion code = CodeVersion.of(spec.code());
            Deployed current = pools.get(spec.name());
            String image = Objects.requireNonNull(imageByFunction.get(spec.name()));
            if (current != null && current.isSame(spec, image, code)) {
                next.put(spec.name(), current);
            } else {
                InstancePool pool = new InstancePool(
                        spec, image, snapshots.pin(spec.name(), spec.code()), launcher, clock, scaling);
                next.put(spec.name(), new Deployed(pool, code, CallTarget.latest(pool.spec())));
                started.add(pool);
            }
        }
        Map<String, Deployed> previous = pools;
        pools = Map.copyOf(next);
        deployed = List.copyOf(document.functions());
        this.document = document;
        StemCells stemCells = launcher.stemCells();
        stemCells.configure(stemCells.targetsFor(document, imageByRuntime));
        started.forEach(InstancePool::start);
        for (Deployed old : previous.values()) {
            Deployed successor = next.get(old.pool().spec().name());
            if (!old.equals(successor)) {
                // Requests waiting on the old version move to the new one; those in flight finish where they are.
                old.pool().close(successor == null ? null : successor.pool());
                draining.add(old.pool());
            }
        }
        releaseDrained();
    }

    /** Forgets the pools of replaced versions that have drained, and the code copies they ran. */
    void releaseDrained() {
        draining.removeIf(pool -> {
            if (!pool.isDrained()) {
                return false;
            }
            Runnable after = afterDrained.remove(pool);
            if (after != null) {
                after.run();
            } else {
                snapshots.release(pool.code());
            }
            return true;
        });
    }

    /**
     * Says so when a function asks for more memory than the machine has: the engine accepts such a limit, and the
     * function would then meet the machine's limit (swapping, the kernel's OOM killer) before its own.
     */
    private void noteMemoryBeyondTheMachine(FunctionsDocument document) {
        long hostMb = HostMemory.totalMb();
        if (hostMb == 0) {
            return;
        }
        for (FunctionSpec spec : document.functions()) {
            if (spec.memoryMb() > hostMb) {
                events.accept("note: function \"" + spec.name() + "\" asks for memory " + spec.memoryMb() + " MiB, more"
                        + " than this machine's " + hostMb + " MiB: the machine runs out before the function's"
                        + " limit does; set memory to what the function needs");
            }
        }
    }

    /**
     * Says so when a function's runtime name asks for a language version (python3.12) its image does not hold (this
     * machine's Python 3.11): it runs all the same, as code for a near version mostly does, and the user knows.
     */
    private void noteOtherLanguageVersions(FunctionsDocument document) {
        for (FunctionSpec spec : document.functions()) {
            String asked = spec.runtimeVersion();
            String actual = asked == null ? null : images.versionOf(spec.runtime());
            if (asked != null && actual != null && !actual.equals(asked) && !actual.startsWith(asked + ".")) {
                events.accept("note: function \"" + spec.name() + "\" asks for "
                        + spec.runtime().id()
                        + asked.substring(1) + " and runs on this machine's Python " + actual + "; to run it on "
                        + asked + ", set SLUICE_PYTHON=/path/to/python" + asked + " before sluice up");
            }
        }
    }

    /** Deploys the current document without {@code function}. */
    synchronized void remove(String function) {
        if (!pools.containsKey(function)) {
            throw new UnknownFunctionException(function);
        }
        FunctionsDocument current = document;
        List<FunctionSpec> rest = current.functions().stream()
                .filter(spec -> !spec.name().equals(function))
                .toList();
        deploy(new FunctionsDocument(rest, current.prewarm(), current.notices(), current.services()));
    }

    /** Returns {@code image} if it is on this machine; Sluice never pulls, so a missing one stops the deploy. */
    private String localImage(FunctionSpec spec, String image) {
        if (!containers.hasImage(image)) {
            throw new ImageBuildException("function \"" + spec.name() + "\" runs image " + image + ", which is not on"
                    + " this machine, and Sluice never pulls: build it first (docker build -t " + image + " .) or"
                    + " load it (docker load)");
        }
        return image;
    }

    /** Returns the pool serving {@code function} now, or null. */
    @Nullable
    InstancePool pool(String function) {
        Deployed d = pools.get(function);
        return d == null ? null : d.pool();
    }

    /** Returns the target of an unqualified call of {@code function} as deployed now, or null. */
    @Nullable
    CallTarget latest(String function) {
        Deployed d = pools.get(function);
        return d == null ? null : d.latest();
    }

    /**
     * Returns the pool that serves {@code target}: what is deployed as its function now for {@link
     * CallTarget#LATEST}, else its version's.
     *
     * @throws UnknownFunctionException if the function is not deployed (LATEST)
     * @throws UnknownQualifierException if the version has no pool (deleted, or its image is gone)
     */
    InstancePool pool(CallTarget target) {
        if (target.version().equals(CallTarget.LATEST)) {
            InstancePool pool = pool(target.name());
            if (pool == null) {
                throw new UnknownFunctionException(target.name());
            }
            return pool;
        }
        Map<String, InstancePool> versions = versionPools.get(target.name());
        InstancePool pool = versions == null ? null : versions.get(target.version());
        if (pool == null) {
            throw UnknownQualifierException.version(target.name(), target.version());
        }
        return pool;
    }

    /** Makes and starts the pool of a published version: the version's spec and code copy, the runtime's image. */
    synchronized void versionPublished(FunctionVersion version) {
        FunctionSpec spec = version.spec();
        String image =
                spec.container() != null ? localImage(spec, spec.container().image()) : images.imageFor(spec.runtime());
        InstancePool pool = new InstancePool(spec, image, spec.code(), version.id(), launcher, clock, scaling);
        versionPools.compute(version.function(), (name, versions) -> {
            Map<String, InstancePool> next = versions == null ? new TreeMap<>() : new TreeMap<>(versions);
            next.put(version.id(), pool);
            return Map.copyOf(next);
        });
        pool.start();
    }

    /** Drains the pool of a deleted version, then runs {@code after}. */
    synchronized void versionDeleted(FunctionVersion version, Runnable after) {
        Map<String, InstancePool> versions = versionPools.get(version.function());
        InstancePool pool = versions == null ? null : versions.get(version.id());
        if (pool == null) {
            after.run();
            return;
        }
        Map<String, InstancePool> rest = new TreeMap<>(versions);
        rest.remove(version.id());
        versionPools.put(version.function(), Map.copyOf(rest));
        pool.close(null);
        afterDrained.put(pool, after);
        draining.add(pool);
        releaseDrained();
    }

    List<FunctionSpec> deployed() {
        return deployed;
    }

    List<FunctionView> views() {
        List<FunctionView> views = new ArrayList<>();
        // In document order: the specs' list has it, the map (made for the lookup of every call) does not.
        Map<String, Deployed> now = pools;
        for (FunctionSpec spec : deployed) {
            Deployed d = now.get(spec.name());
            if (d == null) {
                continue; // a deploy between the two reads; the next view has it
            }
            views.add(view(d.pool(), CallTarget.LATEST));
        }
        return views;
    }

    /** Returns a view of each published version's pool, by function, then version. */
    List<FunctionView> versionViews() {
        List<FunctionView> views = new ArrayList<>();
        for (Map<String, InstancePool> versions : new TreeMap<>(versionPools).values()) {
            versions.forEach((id, pool) -> views.add(view(pool, id)));
        }
        return views;
    }

    private FunctionView view(InstancePool pool, String version) {
        String runtimeVersion = pool.spec().runtime().isCustomContainer()
                ? null
                : images.versionOf(pool.spec().runtime());
        return new FunctionView(
                pool.spec(),
                pool.image(),
                runtimeVersion,
                pool.instances(),
                pool.queued(),
                pool.lastDecision(),
                version);
    }

    /** Returns every pool, the draining ones first. */
    List<InstancePool> all() {
        List<InstancePool> all = new ArrayList<>(draining);
        pools.values().forEach(d -> all.add(d.pool()));
        versionPools.values().forEach(versions -> all.addAll(versions.values()));
        return all;
    }

    /** Stops taking deploys' pools: returns every pool and forgets the deployed ones and the versions'. */
    synchronized List<InstancePool> takeAll() {
        List<InstancePool> all = all();
        pools = Map.of();
        deployed = List.of();
        versionPools.clear();
        return all;
    }

    /** A deployed pool, the code version it was deployed with, and the target of its unqualified calls. */
    private record Deployed(InstancePool pool, CodeVersion code, CallTarget latest) {
        boolean isSame(FunctionSpec spec, String image, CodeVersion code) {
            return pool.spec().equals(spec) && pool.image().equals(image) && this.code.equals(code);
        }
    }
}
