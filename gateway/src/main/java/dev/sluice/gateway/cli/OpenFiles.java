package dev.sluice.gateway.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * How many files this process may have open at once: the soft {@code RLIMIT_NOFILE}, read from {@code
 * /proc/self/limits} on Linux. The JVM has already raised the soft limit to the hard one as it started ({@code
 * -XX:+MaxFDLimit}, on by default), which is as far as a process may raise it itself; going higher takes the hard
 * limit ({@code ulimit -Hn}, systemd's {@code LimitNOFILE=}).
 */
final class OpenFiles {
    /** Where Linux says this process's limits. */
    static final Path PROC_LIMITS = Path.of("/proc/self/limits");

    private OpenFiles() {}

    /** Returns the soft limit on open files from a {@code /proc/<pid>/limits} file, or empty where there is none. */
    static OptionalLong limit(Path limits) {
        String text;
        try {
            text = Files.readString(limits, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalLong.empty(); // not Linux: the limit is not known
        }
        return parse(text);
    }

    /**
     * Returns the soft limit on open files from the text of a limits file, whose line reads e.g. {@code Max open files
     * 20000 20000 files}; {@code unlimited} is {@link Long#MAX_VALUE}.
     */
    static OptionalLong parse(String limits) {
        for (String line : limits.split("\n", -1)) {
            if (!line.startsWith("Max open files")) {
                continue;
            }
            String[] columns = line.substring("Max open files".length()).strip().split("\\s+", -1);
            if (columns[0].equals("unlimited")) {
                return OptionalLong.of(Long.MAX_VALUE);
            }
            try {
                return OptionalLong.of(Long.parseLong(columns[0]));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
