package dev.sluice.scheduler.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupUsageTest {
    @TempDir
    Path root;

    private void write(String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsCgroupV1WithoutThePageCache() throws IOException {
        write("cpuacct/docker/abc/cpuacct.usage", "123456789\n");
        write("memory/docker/abc/memory.usage_in_bytes", "1000000\n");
        write("memory/docker/abc/memory.stat", "cache 5\ninactive_file 1\ntotal_inactive_file 250000\n");

        assertThat(new CgroupUsage(root).read("abc")).isEqualTo(new ResourceUsage(123456789, 750000));
    }

    @Test
    void readsCgroupV2UnderTheSystemdDriver() throws IOException {
        write("system.slice/docker-abc.scope/cpu.stat", "usage_usec 2500\nuser_usec 2000\n");
        write("system.slice/docker-abc.scope/memory.current", "4096\n");
        write("system.slice/docker-abc.scope/memory.stat", "anon 1024\ninactive_file 1024\n");

        assertThat(new CgroupUsage(root).read("abc")).isEqualTo(new ResourceUsage(2_500_000, 3072));
    }

    @Test
    void findsNothingForAContainerItCannotSee() {
        assertThat(new CgroupUsage(root).read("missing")).isNull();
    }
}
