package dev.sluice.scheduler.runtime;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything needed to create one container. The hardening (non-root user, read-only root filesystem with a tmpfs
 * {@code /tmp}, no capabilities, no new privileges, limits) is not optional here: every container Sluice creates
 * carries it.
 *
 * @param name the container name (unique on the engine)
 * @param entrypoint replaces the image's entrypoint when not empty
 * @param command replaces the image's command (its arguments) when not empty
 * @param memoryMb the memory limit; swap is not allowed beyond it
 * @param cpus the CPU limit in cores, e.g. 0.5
 * @param containerPort the port the process listens on inside the container; published on 127.0.0.1
 * @param network the network the container joins instead of the engine's default one, or null
 * @param aliases the names the container is reachable by on {@code network}
 * @param tmpMb the size of the writable {@code /tmp} (a tmpfs any user may write and make sockets in), in MB
 */
public record ContainerSpec(
        String image,
        String name,
        Map<String, String> labels,
        Map<String, String> env,
        List<String> entrypoint,
        List<String> command,
        List<Mount> mounts,
        int memoryMb,
        double cpus,
        int pidsLimit,
        int containerPort,
        String user,
        @Nullable String network,
        List<String> aliases,
        int tmpMb) {

    /** The unprivileged user (nobody) containers run as. */
    public static final String UNPRIVILEGED_USER = "65534:65534";

    public ContainerSpec {
        labels = Map.copyOf(labels);
        env = Map.copyOf(env);
        entrypoint = List.copyOf(entrypoint);
        command = List.copyOf(command);
        mounts = List.copyOf(mounts);
        aliases = List.copyOf(aliases);
        if (memoryMb < 6) {
            throw new IllegalArgumentException("memoryMb: " + memoryMb + " (expected: >= 6)");
        }
        if (tmpMb <= 0) {
            throw new IllegalArgumentException("tmpMb: " + tmpMb + " (expected: > 0)");
        }
        if (cpus <= 0) {
            throw new IllegalArgumentException("cpus: " + cpus + " (expected: > 0)");
        }
    }

    /** A host path bound into the container. */
    public record Mount(String hostPath, String containerPath, boolean readOnly) {}

    /** Returns the value of a label, or null. */
    public @Nullable String label(String key) {
        return labels.get(key);
    }

    /**
     * Returns six random hex digits for a container's name: names must be unique on the engine, also across runs and
     * gateways on one machine, while containers are found by label only.
     */
    public static String nameSuffix() {
        return String.format(
                java.util.Locale.ROOT,
                "%06x",
                java.util.concurrent.ThreadLocalRandom.current().nextInt(0x1000000));
    }
}
