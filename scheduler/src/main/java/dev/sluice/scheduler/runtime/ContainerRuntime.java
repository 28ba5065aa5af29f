package dev.sluice.scheduler.runtime;

import dev.sluice.scheduler.api.Endpoint;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The narrow port through which the scheduler drives containers. All methods block and are called only from the
 * scheduler's bounded executor, never from a Netty event loop. Implementations translate their engine's exceptions
 * into {@link ContainerRuntimeException}.
 */
public interface ContainerRuntime {

    /** Creates (but does not start) a container and returns its id. */
    String create(ContainerSpec spec);

    /** Starts a created container. */
    void start(String containerId);

    /** Returns where the container's {@code containerPort} can be reached from this host. */
    Endpoint endpoint(String containerId, int containerPort);

    /** Returns what the engine knows of the container now: running or not, exit code, OOM kill. */
    ContainerStatus status(String containerId);

    /** Returns the last {@code tailLines} lines of the container's stdout and stderr, oldest first. */
    List<String> logs(String containerId, int tailLines);

    /** Returns the lines the container wrote to stdout and stderr at or after {@code since}, oldest first. */
    List<String> logsSince(String containerId, Instant since);

    /**
     * Stops the container (giving it {@code grace} to exit) and removes it with its anonymous volumes. A container
     * that is already gone counts as removed.
     */
    void remove(String containerId, Duration grace);

    /** Returns the ids of all containers, running or not, that carry the label {@code key=value}. */
    List<String> containersLabelled(String key, String value);

    /** Returns the container's CPU time so far and memory in use now. */
    ResourceUsage usage(String containerId);

    /**
     * Calls {@code onExit} with the id of every container labelled {@code key=value} that exits (crash, OOM kill,
     * or removal), as the engine reports it, until the returned handle is closed. When the engine ends the stream or
     * it breaks (the engine went away), calls {@code onBroken} once with the cause: exits are no longer seen until
     * the caller watches again. Does not block.
     */
    Closeable watchExits(String key, String value, Consumer<String> onExit, Consumer<Throwable> onBroken);

    /** Returns the engine's address, e.g. {@code unix:///var/run/docker.sock}. */
    String host();

    /**
     * Asks the engine whether it answers, within a few seconds.
     *
     * @throws ContainerRuntimeException ({@link EngineUnreachableException} when there is no answer) otherwise
     */
    void ping();

    /**
     * Creates a bridge network named {@code name} with {@code labels} on {@code subnet} (an IPv4 CIDR) unless one with
     * that name exists. On an {@code isolated} network containers cannot reach one another, only the host and beyond.
     */
    void ensureNetwork(String name, Map<String, String> labels, String subnet, boolean isolated);

    /** Returns the IPv4 subnets (CIDRs) of every network the engine has, Sluice's or not. */
    List<String> subnetsInUse();

    /**
     * Joins the running container to the network {@code network}, reachable there by {@code aliases}; a container
     * already on it counts as joined.
     */
    void connect(String containerId, String network, List<String> aliases);

    /** Removes the network named {@code name}; one that is already gone counts as removed. */
    void removeNetwork(String name);

    /** Returns the names of the networks that carry the label {@code key=value}. */
    List<String> networksLabelled(String key, String value);

    /** Returns whether an image with this tag exists locally. */
    boolean hasImage(String tag);

    /** Builds an image from a directory holding a Dockerfile, without pulling anything, and tags it. */
    void buildImage(Path contextDir, String tag);
}
