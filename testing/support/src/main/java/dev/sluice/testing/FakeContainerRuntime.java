package dev.sluice.testing;

import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.ContainerStatus;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A container engine in memory. It records what was created, started and removed; tests override one method to
 * inject a failure. Endpoints point at {@link #endpointHost}:{@link #endpointPort} so that a test may serve the
 * "containers" from an in-process server.
 */
public class FakeContainerRuntime implements ContainerRuntime {
    public final List<ContainerSpec> created = new ArrayList<>();
    public final List<String> started = new ArrayList<>();
    public final List<String> removed = new ArrayList<>();
    public final Set<String> images = ConcurrentHashMap.newKeySet();
    public final List<String> builtImages = new ArrayList<>();
    /** The networks made, by name: their subnet, and whether they are isolated. */
    public final Map<String, FakeNetwork> networks = new LinkedHashMap<>();
    /** Subnets of networks that are not Sluice's, which it must not take. */
    public final List<String> foreignSubnets = new CopyOnWriteArrayList<>();
    /** The networks each container joined after it was created, in order. */
    public final Map<String, List<String>> joined = new LinkedHashMap<>();

    private final Map<String, ContainerSpec> live = new LinkedHashMap<>();
    private final Map<String, ContainerStatus> exited = new HashMap<>();
    private final Map<String, ResourceUsage> usage = new HashMap<>();
    private final List<Consumer<String>> exitWatchers = new CopyOnWriteArrayList<>();
    private final List<Consumer<Throwable>> streamWatchers = new CopyOnWriteArrayList<>();
    public volatile String endpointHost = "127.0.0.1";
    public volatile int endpointPort = 9;

    @Override
    public synchronized String create(ContainerSpec spec) {
        String id = "c" + (created.size() + 1);
        created.add(spec);
        live.put(id, spec);
        return id;
    }

    @Override
    public synchronized void start(String containerId) {
        started.add(containerId);
    }

    @Override
    public Endpoint endpoint(String containerId, int containerPort) {
        return new Endpoint(endpointHost, endpointPort, null, containerPort);
    }

    @Override
    public synchronized ContainerStatus status(String containerId) {
        ContainerStatus status = exited.get(containerId);
        if (status != null) {
            return status;
        }
        return live.containsKey(containerId) ? new ContainerStatus(true, true, 0, false, "") : ContainerStatus.GONE;
    }

    /** Makes the container exit as the engine would report it, and tells the exit watchers. */
    public void exit(String containerId, int exitCode, boolean oomKilled) {
        synchronized (this) {
            exited.put(containerId, new ContainerStatus(true, false, exitCode, oomKilled, ""));
        }
        exitWatchers.forEach(w -> w.accept(containerId));
    }

    /** Sets what {@link #usage} answers for the container from now on. */
    public synchronized void usage(String containerId, ResourceUsage now) {
        usage.put(containerId, now);
    }

    @Override
    public synchronized ResourceUsage usage(String containerId) {
        return usage.getOrDefault(containerId, new ResourceUsage(0, 0));
    }

    @Override
    public Closeable watchExits(String key, String value, Consumer<String> onExit, Consumer<Throwable> onBroken) {
        exitWatchers.add(onExit);
        streamWatchers.add(onBroken);
        return () -> {
            exitWatchers.remove(onExit);
            streamWatchers.remove(onBroken);
        };
    }

    /** When set, {@link #ping} fails as an engine that cannot be reached does. */
    public volatile boolean unreachable;

    @Override
    public String host() {
        return "fake://engine";
    }

    @Override
    public void ping() {
        if (unreachable) {
            throw new ContainerRuntimeException("ping failed: the fake engine cannot be reached");
        }
    }

    /** Breaks every exit stream, as an engine that goes away does; the watchers must watch again. */
    public void breakStreams(Throwable cause) {
        List<Consumer<Throwable>> broken = List.copyOf(streamWatchers);
        streamWatchers.clear();
        exitWatchers.clear();
        broken.forEach(w -> w.accept(cause));
    }

    @Override
    public List<String> logs(String containerId, int tailLines) {
        return List.of("log of " + containerId);
    }

    /** What {@link #logsSince} answers, by container id; nothing for the others. */
    public final Map<String, List<String>> logsSince = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public List<String> logsSince(String containerId, java.time.Instant since) {
        return logsSince.getOrDefault(containerId, List.of());
    }

    @Override
    public synchronized void remove(String containerId, Duration grace) {
        removed.add(containerId);
        live.remove(containerId);
        exited.remove(containerId);
    }

    @Override
    public synchronized List<String> containersLabelled(String key, String value) {
        return live.entrySet().stream()
                .filter(e -> value.equals(e.getValue().labels().get(key)))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public synchronized void ensureNetwork(String name, Map<String, String> labels, String subnet, boolean isolated) {
        if (!networks.containsKey(name)) {
            if (subnetsInUse().contains(subnet)) {
                throw new ContainerRuntimeException("create network " + name + " failed: Pool overlaps");
            }
            networks.put(name, new FakeNetwork(subnet, isolated, Map.copyOf(labels)));
        }
    }

    @Override
    public synchronized List<String> subnetsInUse() {
        List<String> all = new ArrayList<>(foreignSubnets);
        networks.values().forEach(n -> all.add(n.subnet()));
        return all;
    }

    @Override
    public synchronized void connect(String containerId, String network, List<String> aliases) {
        if (!networks.containsKey(network)) {
            throw new ContainerRuntimeException("connect " + containerId + " failed: no network " + network);
        }
        List<String> on = joined.computeIfAbsent(containerId, id -> new ArrayList<>());
        if (!on.contains(network)) {
            on.add(network);
        }
    }

    /** A network made through {@link #ensureNetwork}. */
    public record FakeNetwork(String subnet, boolean isolated, Map<String, String> labels) {}

    @Override
    public synchronized void removeNetwork(String name) {
        networks.remove(name);
    }

    @Override
    public synchronized List<String> networksLabelled(String key, String value) {
        return networks.entrySet().stream()
                .filter(e -> value.equals(e.getValue().labels().get(key)))
                .map(Map.Entry::getKey)
                .toList();
    }

    @Override
    public boolean hasImage(String tag) {
        return images.contains(tag);
    }

    @Override
    public synchronized void buildImage(Path contextDir, String tag) {
        builtImages.add(tag);
        images.add(tag);
    }

    /** Returns the ids of containers created and not removed. */
    public synchronized List<String> live() {
        return List.copyOf(live.keySet());
    }
}
