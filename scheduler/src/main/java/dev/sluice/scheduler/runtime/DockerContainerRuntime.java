package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.Volume;
import dev.sluice.scheduler.api.Endpoint;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The Docker implementation of {@link ContainerRuntime}. docker-java is imported only here, by its two result
 * callbacks, by {@link DockerNetworks} (the network calls) and by {@link EngineCalls} (how a call is bounded and its
 * failure said). Every docker-java exception is caught and translated; a {@link NotFoundException} on removal means
 * the container is already gone, which counts as success. A call that gets no answer at all (the socket refused,
 * reset or silent past its timeout: see {@link DockerEnvironment}) fails with an {@link EngineUnreachableException},
 * so that no caller waits on an engine that is gone.
 *
 * <p>The file is past 400 lines because each container call and the translation of its failures live together
 * here.
 */
public final class DockerContainerRuntime implements ContainerRuntime, Closeable {
    private static final long NANOS_PER_CPU = 1_000_000_000L;

    /** Ordinary calls, each answered within {@link DockerEnvironment#CALL_TIMEOUT} or failed. */
    private final DockerClient docker;
    /** Pings: an answer within {@link DockerEnvironment#PING_TIMEOUT}, or the engine counts as unreachable. */
    private final DockerClient quick;
    /** Image builds, whose steps may be quiet for minutes. */
    private final DockerClient slow;
    /** The event stream, which may be quiet for hours: no read timeout; a broken stream is reported instead. */
    private final DockerClient events;

    private final String host;
    /** Runs each engine call, so that its caller can stop waiting for an engine that does not answer. */
    private final EngineCalls calls;

    private final DockerNetworks networks;
    private final ContainerAddresses addresses = new ContainerAddresses();

    private final CgroupUsage cgroups = new CgroupUsage(Path.of("/sys/fs/cgroup"));

    DockerContainerRuntime(DockerEnvironment.Clients clients, String host) {
        this.docker = clients.calls();
        this.quick = clients.pings();
        this.slow = clients.builds();
        this.events = clients.events();
        this.host = host;
        this.calls = new EngineCalls(host);
        this.networks = new DockerNetworks(docker, calls);
    }

    /**
     * Returns the options of the {@code /tmp} tmpfs. Mode 1777 (anyone writes, only owners delete, as on any Unix)
     * so that the function's unprivileged user can write files and create Unix sockets there. The engine takes the
     * mode of the image's own {@code /tmp} over this one when the image has that directory, which is why Sluice's
     * images have none.
     */
    static String tmpOptions(int tmpMb) {
        return "rw,nosuid,nodev,size=" + tmpMb + "m,mode=1777";
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public String create(ContainerSpec spec) {
        ExposedPort port = ExposedPort.tcp(spec.containerPort());
        Ports bindings = new Ports();
        bindings.bind(port, Ports.Binding.bindIp("127.0.0.1"));
        long memory = spec.memoryMb() * 1024L * 1024L;
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs(Math.round(spec.cpus() * NANOS_PER_CPU))
                .withPidsLimit((long) spec.pidsLimit())
                .withReadonlyRootfs(true)
                .withTmpFs(Map.of("/tmp", tmpOptions(spec.tmpMb())))
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withBinds(binds(spec));
        if (spec.network() != null) {
            host.withNetworkMode(spec.network());
        }
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        try {
            var cmd = docker.createContainerCmd(spec.image())
                    .withName(spec.name())
                    .withLabels(spec.labels())
                    .withEnv(env)
                    .withUser(spec.user())
                    .withExposedPorts(port)
                    .withHostConfig(host);
            if (!spec.entrypoint().isEmpty()) {
                cmd.withEntrypoint(spec.entrypoint());
            }
            if (!spec.command().isEmpty()) {
                cmd.withCmd(spec.command());
            }
            if (spec.network() != null && !spec.aliases().isEmpty()) {
                cmd.withAliases(spec.aliases());
            }
            return calls.bounded(cmd::exec).getId();
        } catch (DockerException e) {
            throw EngineCalls.failure("create container " + spec.name() + " from " + spec.image(), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("create container " + spec.name() + " from " + spec.image(), e);
        }
    }

    private static List<Bind> binds(ContainerSpec spec) {
        List<Bind> binds = new ArrayList<>();
        for (ContainerSpec.Mount m : spec.mounts()) {
            binds.add(new Bind(
                    m.hostPath(), new Volume(m.containerPath()), m.readOnly() ? AccessMode.ro : AccessMode.rw));
        }
        return binds;
    }

    @Override
    public void start(String containerId) {
        try {
            calls.bounded(docker.startContainerCmd(containerId)::exec);
        } catch (NotModifiedException e) {
            // Already started: the state we wanted.
        } catch (DockerException e) {
            throw EngineCalls.failure("start container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("start container " + shortId(containerId), e);
        }
    }

    @Override
    public Endpoint endpoint(String containerId, int containerPort) {
        InspectContainerResponse info = inspect(containerId);
        var settings = info.getNetworkSettings();
        Ports.Binding[] published =
                settings == null ? null : settings.getPorts().getBindings().get(ExposedPort.tcp(containerPort));
        if (published == null || published.length == 0) {
            throw new ContainerRuntimeException(
                    "container " + shortId(containerId) + " has no published port for " + containerPort);
        }
        int hostPort = Integer.parseInt(published[0].getHostPortSpec());
        return new Endpoint(
                "127.0.0.1", hostPort, addresses.reachable(internalIp(settings), containerPort), containerPort);
    }

    private static @Nullable String internalIp(com.github.dockerjava.api.model.NetworkSettings settings) {
        Map<String, ContainerNetwork> networks = settings.getNetworks();
        if (networks != null) {
            for (ContainerNetwork network : networks.values()) {
                String ip = network.getIpAddress();
                if (ip != null && !ip.isEmpty()) {
                    return ip;
                }
            }
        }
        return null;
    }

    @Override
    public ContainerStatus status(String containerId) {
        try {
            InspectContainerResponse.ContainerState state =
                    calls.bounded(docker.inspectContainerCmd(containerId)::exec).getState();
            Long exit = state.getExitCodeLong();
            return new ContainerStatus(
                    true,
                    Boolean.TRUE.equals(state.getRunning()),
                    exit == null ? 0 : exit.intValue(),
                    Boolean.TRUE.equals(state.getOOMKilled()),
                    state.getError() == null ? "" : state.getError());
        } catch (NotFoundException e) {
            return ContainerStatus.GONE;
        } catch (DockerException e) {
            throw EngineCalls.failure("inspect container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("inspect container " + shortId(containerId), e);
        }
    }

    @Override
    public List<String> logs(String containerId, int tailLines) {
        return collect(containerId, docker.logContainerCmd(containerId).withTail(tailLines));
    }

    /** Runs {@code logs} (stdout and stderr) and returns its lines; none when the container is gone. */
    private List<String> collect(String containerId, LogContainerCmd logs) {
        LogCollector collector = new LogCollector();
        try {
            logs.withStdOut(true).withStdErr(true).exec(collector).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return List.of();
        } catch (DockerException e) {
            throw EngineCalls.failure("read logs of container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("read logs of container " + shortId(containerId), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return collector.lines();
    }

    @Override
    public List<String> logsSince(String containerId, Instant since) {
        // The engine takes whole seconds; its timestamps (nanoseconds) sort out the rest.
        List<String> raw = collect(
                containerId,
                docker.logContainerCmd(containerId).withTimestamps(true).withSince((int) since.getEpochSecond()));
        List<String> lines = new ArrayList<>();
        for (String line : raw) {
            int space = line.indexOf(' ');
            try {
                if (space > 0 && !Instant.parse(line.substring(0, space)).isBefore(since)) {
                    lines.add(line.substring(space + 1));
                }
            } catch (java.time.format.DateTimeParseException e) {
                lines.add(line); // a continuation of a line longer than the engine's frame
            }
        }
        return lines;
    }

    @Override
    public void remove(String containerId, Duration grace) {
        try {
            if (!grace.isZero()) {
                calls.run(
                        DockerEnvironment.CALL_TIMEOUT.plus(grace),
                        docker.stopContainerCmd(containerId).withTimeout((int) Math.max(1, grace.toSeconds()))::exec);
            }
        } catch (NotFoundException e) {
            return;
        } catch (NotModifiedException e) {
            // Already stopped.
        } catch (RuntimeException e) {
            // A failed stop is not final: the forced removal below kills it, or says why it cannot.
        }
        try {
            calls.bounded(docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true)::exec);
        } catch (NotFoundException e) {
            // Already gone: removed, as asked.
        } catch (DockerException e) {
            if (e.getHttpStatus() == 409 && String.valueOf(e.getMessage()).contains("already in progress")) {
                return;
            }
            throw EngineCalls.failure("remove container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("remove container " + shortId(containerId), e);
        }
    }

    @Override
    public List<String> containersLabelled(String key, String value) {
        try {
            List<Container> found = calls.bounded(
                    docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(key, value))::exec);
            return found.stream().map(Container::getId).toList();
        } catch (DockerException e) {
            throw EngineCalls.failure("list containers labelled " + key + "=" + value, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("list containers labelled " + key + "=" + value, e);
        }
    }

    @Override
    public void ensureNetwork(String name, Map<String, String> labels, String subnet, boolean isolated) {
        networks.ensure(name, labels, subnet, isolated);
    }

    @Override
    public List<String> subnetsInUse() {
        return networks.subnetsInUse();
    }

    @Override
    public void connect(String containerId, String network, List<String> aliases) {
        networks.connect(containerId, network, aliases);
    }

    @Override
    public void removeNetwork(String name) {
        networks.remove(name);
    }

    @Override
    public List<String> networksLabelled(String key, String value) {
        return networks.labelled(key, value);
    }

    @Override
    public ResourceUsage usage(String containerId) {
        ResourceUsage fromCgroup = cgroups.read(containerId);
        if (fromCgroup != null) {
            return fromCgroup;
        }
        StatsCollector stats = new StatsCollector();
        try {
            docker.statsCmd(containerId).withNoStream(true).exec(stats).awaitCompletion(5, TimeUnit.SECONDS);
        } catch (DockerException e) {
            throw EngineCalls.failure("read stats of container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("read stats of container " + shortId(containerId), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stats.usage(containerId);
    }

    @Override
    public Closeable watchExits(String key, String value, Consumer<String> onExit, Consumer<Throwable> onBroken) {
        return events.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("die")
                .withLabelFilter(Map.of(key, value))
                .exec(new ResultCallback.Adapter<Event>() {
                    private final AtomicBoolean over = new AtomicBoolean();

                    @Override
                    public void onNext(Event event) {
                        String id = event.getId();
                        if (id != null) {
                            onExit.accept(id);
                        }
                    }

                    @Override
                    public void onError(Throwable cause) {
                        if (over.compareAndSet(false, true)) {
                            onBroken.accept(cause);
                        }
                    }

                    @Override
                    public void onComplete() {
                        if (over.compareAndSet(false, true)) {
                            onBroken.accept(new ContainerRuntimeException("the engine ended its event stream"));
                        }
                    }
                });
    }

    @Override
    public void ping() {
        try {
            calls.run(DockerEnvironment.PING_TIMEOUT, quick.pingCmd()::exec);
        } catch (DockerException e) {
            throw EngineCalls.failure("ping", e);
        } catch (RuntimeException e) {
            throw calls.unreachable("ping", e);
        }
    }

    @Override
    public boolean hasImage(String tag) {
        try {
            calls.bounded(docker.inspectImageCmd(tag)::exec);
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (DockerException e) {
            throw EngineCalls.failure("inspect image " + tag, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("inspect image " + tag, e);
        }
    }

    @Override
    public void buildImage(Path contextDir, String tag) {
        try {
            calls.run(DockerEnvironment.BUILD_TIMEOUT, () -> slow.buildImageCmd(contextDir.toFile())
                    .withTags(Set.of(tag))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId());
        } catch (DockerException e) {
            throw EngineCalls.failure("build image " + tag, e);
        } catch (RuntimeException e) {
            throw calls.unreachable("build image " + tag, e);
        }
    }

    private InspectContainerResponse inspect(String containerId) {
        try {
            return calls.bounded(docker.inspectContainerCmd(containerId)::exec);
        } catch (DockerException e) {
            throw EngineCalls.failure("inspect container " + shortId(containerId), e);
        } catch (RuntimeException e) {
            throw calls.unreachable("inspect container " + shortId(containerId), e);
        }
    }

    static String shortId(String containerId) {
        return containerId.length() > 12 ? containerId.substring(0, 12) : containerId;
    }

    @Override
    public void close() throws IOException {
        calls.close();
        for (DockerClient client : List.of(docker, quick, slow, events)) {
            client.close();
        }
    }
}
