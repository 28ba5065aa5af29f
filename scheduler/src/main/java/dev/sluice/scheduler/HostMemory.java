package dev.sluice.scheduler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The machine's memory, as Linux tells it in {@code /proc/meminfo}; unknown (0) elsewhere. */
final class HostMemory {
    private HostMemory() {}

    /** Returns the machine's total memory in MiB, or 0 when it cannot be read. */
    static long totalMb() {
        return totalMb(Path.of("/proc/meminfo"));
    }

    static long totalMb(Path meminfo) {
        try {
            List<String> lines = Files.readAllLines(meminfo);
            for (String line : lines) {
                if (line.startsWith("MemTotal:")) {
                    String value = line.substring("MemTotal:".length()).strip();
                    int space = value.indexOf(' ');
                    return Long.parseLong(space < 0 ? value : value.substring(0, space)) / 1024; // kB
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or a file of another shape: the check it serves is skipped.
        }
        return 0;
    }
}
