package dev.sluice.scheduler.pool;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.api.Endpoint;
import dev.sluice.scheduler.protocol.RuntimeClient;
import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.ContainerRuntimeException;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.state.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Stem cells: runtime containers started ahead of need, with no function bound, that the first cold request of a
 * function specializes (its code copied into the cell's code directory, its environment sent) instead of creating,
 * starting and waiting for a container. A cell fits a function with the same image, memory and CPU, because the
 * JVM sizes its heap from the memory limit it starts with: so {@code prewarm: { java17: 1 }} keeps one cell per
 * resource shape that deployed java17 functions use, and a taken cell is replaced at once.
 *
 * <p>Thread-safety: the targets and ready cells are guarded by {@code this}; container work runs on the executor.
 */
public final class StemCells {
    /** The resource shape a cell is made for. */
    public record Key(String image, int memoryMb, double cpu, int tmpMb) {}

    /** A started, listening, unbound runtime, and the host directory mounted as its /code. */
    record StemCell(Key key, String containerId, Endpoint endpoint, Path codeDir) {}

    private final ContainerRuntime containers;
    private final RuntimeClient client;
    private final Executor executor;
    private final ContainerSpecs specs;
    private final Duration startTimeout;
    private final Consumer<String> events;

    private final Map<Key, Integer> targets = new HashMap<>();
    private final Map<Key, ArrayDeque<StemCell>> ready = new HashMap<>();
    private final Map<Key, Integer> starting = new HashMap<>();
    private @Nullable Path workDir;
    /** Where cells wait: an isolated network, as a cell belongs to no function yet. */
    private final @Nullable String network;

    private boolean closed;
    private int sequence;

    StemCells(
            ContainerRuntime containers,
            RuntimeClient client,
            Executor executor,
            ContainerSpecs specs,
            @Nullable String network,
            Duration startTimeout,
            Consumer<String> events) {
        this.network = network;
        this.containers = containers;
        this.client = client;
        this.executor = executor;
        this.specs = specs;
        this.startTimeout = startTimeout;
        this.events = events;
    }

    /** Returns the cells wanted for {@code document}: per resource shape of its functions, its runtime's count. */
    public Map<Key, Integer> targetsFor(FunctionsDocument document, Map<Runtime, String> images) {
        Map<Key, Integer> wanted = new HashMap<>();
        for (FunctionSpec function : document.functions()) {
            if (function.runtime().isCustomContainer()) {
                continue; // a user's image cannot be started without its function
            }
            int count = document.prewarm().getOrDefault(function.runtime(), 0);
            String image = images.get(function.runtime());
            if (count > 0 && image != null) {
                wanted.put(new Key(image, function.memoryMb(), specs.cpuOf(function), function.diskSizeMb()), count);
            }
        }
        return wanted;
    }

    /** Makes {@code wanted} the targets: starts what is missing, removes ready cells no longer wanted. */
    public void configure(Map<Key, Integer> wanted) {
        List<StemCell> surplus = new ArrayList<>();
        synchronized (this) {
            targets.clear();
            targets.putAll(wanted);
            for (Map.Entry<Key, ArrayDeque<StemCell>> entry : ready.entrySet()) {
                int keep = targets.getOrDefault(entry.getKey(), 0);
                while (entry.getValue().size() > keep) {
                    surplus.add(entry.getValue().removeLast());
                }
            }
        }
        surplus.forEach(this::discard);
        replenish();
    }

    /** Returns a ready cell that fits {@code function} running {@code image}, or null; a taken cell is replaced. */
    @Nullable
    StemCell take(FunctionSpec function, String image) {
        if (function.runtime().isCustomContainer()) {
            return null; // its own image, command and port: never one of Sluice's runtimes
        }
        Key key = new Key(image, function.memoryMb(), specs.cpuOf(function), function.diskSizeMb());
        StemCell cell;
        synchronized (this) {
            ArrayDeque<StemCell> cells = ready.get(key);
            cell = cells == null ? null : cells.pollFirst();
        }
        if (cell != null) {
            replenish();
        }
        return cell;
    }

    /** Forgets a cell whose container exited; returns whether it was one of the ready cells. */
    public boolean exited(String containerId) {
        boolean found = false;
        synchronized (this) {
            for (ArrayDeque<StemCell> cells : ready.values()) {
                found |= cells.removeIf(c -> c.containerId().equals(containerId));
            }
        }
        if (found) {
            events.accept("stem cell " + containerId.substring(0, Math.min(12, containerId.length())) + " exited");
            replenish();
        }
        return found;
    }

    /** Returns the containers of the ready cells. */
    public synchronized List<String> containerIds() {
        List<String> ids = new ArrayList<>();
        ready.values().forEach(cells -> cells.forEach(c -> ids.add(c.containerId())));
        return ids;
    }

    /** Returns how many cells are ready now, over all shapes. */
    public synchronized int readyCount() {
        return ready.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Stops making cells and removes the ready ones (the scheduler's final sweep catches any still starting). */
    public void close() {
        List<StemCell> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            ready.values().forEach(all::addAll);
            ready.clear();
        }
        all.forEach(this::discard);
    }

    /**
     * Deletes the code directories of every cell, specialized ones included. Called last, once their containers are
     * gone: a specialized cell serves from its directory until then.
     */
    public void deleteFiles() {
        Path dir;
        synchronized (this) {
            dir = workDir;
        }
        if (dir != null) {
            Directories.deleteQuietly(dir);
        }
    }

    private void replenish() {
        List<Key> toStart = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            for (Map.Entry<Key, Integer> target : targets.entrySet()) {
                Key key = target.getKey();
                int have = ready.getOrDefault(key, new ArrayDeque<>()).size() + starting.getOrDefault(key, 0);
                for (int n = have; n < target.getValue(); n++) {
                    starting.merge(key, 1, Integer::sum);
                    toStart.add(key);
                }
            }
        }
        for (Key key : toStart) {
            executor.execute(() -> start(key));
        }
    }

    private void start(Key key) {
        String containerId = null;
        try {
            String name = "sluice-stem-" + nextSequence() + "-" + ContainerSpec.nameSuffix();
            Path codeDir = CodeCopy.freshDirectory(workDir(), name);
            containerId = containers.create(specs.forStemCell(key, name, codeDir, network));
            containers.start(containerId);
            Endpoint endpoint = containers.endpoint(containerId, ContainerSpecs.FC_PORT);
            String id = containerId;
            if (!client.awaitPort(
                            endpoint, startTimeout, () -> containers.status(id).running())
                    .join()) {
                throw new ContainerRuntimeException("stem cell did not listen on its port within " + startTimeout);
            }
            arrived(new StemCell(key, containerId, endpoint, codeDir));
        } catch (ContainerRuntimeException | UncheckedIOException e) {
            events.accept("could not start a stem cell for " + key.image() + ": " + e.getMessage());
            synchronized (this) {
                starting.merge(key, -1, Integer::sum);
            }
            if (containerId != null) {
                removeQuietly(containerId);
            }
        }
    }

    private void arrived(StemCell cell) {
        boolean keep;
        synchronized (this) {
            starting.merge(cell.key(), -1, Integer::sum);
            int wanted = targets.getOrDefault(cell.key(), 0);
            ArrayDeque<StemCell> cells = ready.computeIfAbsent(cell.key(), k -> new ArrayDeque<>());
            keep = !closed && cells.size() < wanted;
            if (keep) {
                cells.addLast(cell);
            }
        }
        if (!keep) {
            discard(cell);
        }
    }

    private synchronized int nextSequence() {
        return ++sequence;
    }

    private synchronized Path workDir() {
        if (workDir == null) {
            try {
                workDir = Files.createTempDirectory("sluice-stem-cells-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a directory for stem cells' code", e);
            }
        }
        return workDir;
    }

    private void discard(StemCell cell) {
        removeQuietly(cell.containerId());
        Directories.deleteQuietly(cell.codeDir());
    }

    private void removeQuietly(String containerId) {
        try {
            containers.remove(containerId, Duration.ZERO);
        } catch (ContainerRuntimeException e) {
            events.accept("could not remove stem cell " + containerId + ": " + e.getMessage());
        }
    }
}
