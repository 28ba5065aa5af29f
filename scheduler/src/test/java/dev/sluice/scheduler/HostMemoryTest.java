package dev.sluice.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostMemoryTest {
    @TempDir
    Path dir;

    @Test
    void readsTheTotalFromMeminfoInMebibytes() throws IOException {
        Path meminfo =
                Files.writeString(dir.resolve("meminfo"), "MemTotal:       24526352 kB\nMemFree:        1000 kB\n");

        assertThat(HostMemory.totalMb(meminfo)).isEqualTo(23951);
    }

    @Test
    void anUnreadableOrStrangeFileMeansUnknown() throws IOException {
        assertThat(HostMemory.totalMb(dir.resolve("missing"))).isZero();
        assertThat(HostMemory.totalMb(Files.writeString(dir.resolve("odd"), "MemTotal: lots\n")))
                .isZero();
    }
}
