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
            Path memory = root.resolve("memory").resolve(parent);
            if (Files.isReadable(cpu) && Files.isReadable(memory.resolve("memory.usage_in_bytes"))) {
                long used = number(memory.resolve("memory.usage_in_bytes"));
                return new ResourceUsage(number(cpu), withoutCache(used, memory, "total_inactive_file"));
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
                return new ResourceUsage(usageMicros(cpu) * 1000, withoutCache(number(memory), dir, "inactive_file"));
            }
        }
        return null;
    }

    /**
     * Returns memory in use without the page cache the kernel may drop at will (what {@code docker stats} shows too):
     * a function that read a large file is not "using" that memory, and must not look hot or stay un-reclaimed.
     */
    private static long withoutCache(long used, Path cgroupDir, String inactiveFileKey) throws IOException {
        Path stat = cgroupDir.resolve("memory.stat");
        if (!Files.isReadable(stat)) {
            return used;
        }
        for (String line : Files.readAllLines(stat, StandardCharsets.US_ASCII)) {
            if (line.startsWith(inactiveFileKey + " ")) {
                long inactive = Long.parseLong(
                        line.substring(inactiveFileKey.length() + 1).strip());
                return Math.max(0, used - inactive);
            }
        }
        return used;
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
