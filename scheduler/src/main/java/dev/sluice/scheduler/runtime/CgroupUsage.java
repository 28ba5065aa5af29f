package dev.sluice.scheduler.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a container's CPU time and memory straight from the host's cgroup files: two small file reads, far
 * cheaper than the engine's stats API (which samples for a second before it answers). Works where the engine runs
 * on this host with the cgroupfs or systemd driver, v1 or v2; elsewhere (Docker Desktop, a remote engine) it finds
 * nothing and the caller falls back to the stats API.
 */
final class CgroupUsage {
    private final Path root;

    CgroupUsage(Path root) {
        this.root = root;
    }

    /** Returns the container's usage, or null when its cgroup files are not readable from here. */
    @Nullable
    ResourceUsage read(String containerId) {
        try {
            ResourceUsage v1 = readV1(containerId);
            return v1 != null ? v1 : readV2(containerId);
        } catch (IOException | NumberFormatException e) {
            return null; // the container went away between the check and the read, or an unknown layout
        }
    }

    private @Nullable ResourceUsage readV1(String id) throws IOException {
        for (String parent : List.of("docker/" + id, "system.slice/docker-" + id + ".scope")) {
            Path cpu = root.resolve("cpuacct").resolve(parent).resolve("cpuacct.usage");
            Path memory = root.resolve("memory").resolve(parent).resolve("memory.usage_in_bytes");
            if (Files.isReadable(cpu) && Files.isReadable(memory)) {
                return new ResourceUsage(number(cpu), number(memory));
            }
        }
        return null;
    }

    private @Nullable ResourceUsage readV2(String id) throws IOException {
        for (String parent : List.of("system.slice/docker-" + id + ".scope", "docker/" + id)) {
            Path dir = root.resolve(parent);
            Path cpu = dir.resolve("cpu.stat");
            Path memory = dir.resolve("memory.current");
            if (Files.isReadable(cpu) && Files.isReadable(memory)) {
                return new ResourceUsage(usageMicros(cpu) * 1000, number(memory));
            }
        }
        return null;
    }

    private static long number(Path file) throws IOException {
        return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).strip());
    }

    /** cgroup v2 {@code cpu.stat} starts with {@code usage_usec N}. */
    private static long usageMicros(Path cpuStat) throws IOException {
        for (String line : Files.readAllLines(cpuStat, StandardCharsets.US_ASCII)) {
            if (line.startsWith("usage_usec ")) {
                return Long.parseLong(line.substring("usage_usec ".length()).strip());
            }
        }
        throw new IOException("no usage_usec in " + cpuStat);
    }
}
