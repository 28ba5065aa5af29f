package dev.sluice.scheduler.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PythonImageContextTest {
    @TempDir
    Path dir;

    @Test
    void theImageHoldsTheInterpreterAndTheStandardLibraryWithoutWhatFunctionsDoNotRun() throws IOException {
        Path stdlib = dir.resolve("host/lib/python3.11");
        write(stdlib.resolve("os.py"), "# os");
        write(stdlib.resolve("__pycache__/os.cpython-311.pyc"), "compiled");
        write(stdlib.resolve("__pycache__/os.cpython-311.opt-1.pyc"), "optimized");
        write(stdlib.resolve("__pycache__/os.cpython-310.pyc"), "another version's");
        write(stdlib.resolve("json/__init__.py"), "# json");
        write(stdlib.resolve("site-packages/requests/__init__.py"), "# the host's own packages");
        write(stdlib.resolve("test/test_os.py"), "# the test suite");
        write(stdlib.resolve("config-3.11-x86_64-linux-gnu/Makefile"), "# build files");
        Files.createDirectories(stdlib.resolve("lib-dynload"));
        Files.setLastModifiedTime(stdlib.resolve("os.py"), FileTime.fromMillis(1_000_000_000_000L));
        // Any real executable stands in for the interpreter: the builder copies it and asks ldd for its libraries.
        PythonImageContext.Interpreter python = new PythonImageContext.Interpreter(
                Path.of("/bin/true").toRealPath(), "3.11.7", stdlib, stdlib.resolve("lib-dynload"), "cpython-311");

        new PythonImageContext(python).write(dir.resolve("context"), "# bootstrap".getBytes(StandardCharsets.UTF_8));

        Path rootfs = dir.resolve("context/rootfs");
        Path lib = rootfs.resolve("usr/lib/python3.11");
        assertThat(rootfs.resolve("usr/bin/python3.11")).isExecutable();
        assertThat(Files.readSymbolicLink(rootfs.resolve("usr/bin/python3"))).isEqualTo(Path.of("python3.11"));
        assertThat(lib.resolve("os.py")).hasContent("# os");
        assertThat(Files.getLastModifiedTime(lib.resolve("os.py")).toMillis())
                .as("a source keeps its time, so that its compiled form stays valid")
                .isEqualTo(1_000_000_000_000L);
        assertThat(lib.resolve("__pycache__/os.cpython-311.pyc")).exists();
        assertThat(lib.resolve("__pycache__/os.cpython-311.opt-1.pyc")).doesNotExist();
        assertThat(lib.resolve("__pycache__/os.cpython-310.pyc")).doesNotExist();
        assertThat(lib.resolve("json/__init__.py")).exists();
        assertThat(lib.resolve("site-packages")).doesNotExist();
        assertThat(lib.resolve("test")).doesNotExist();
        assertThat(lib.resolve("config-3.11-x86_64-linux-gnu")).doesNotExist();
        assertThat(rootfs.resolve("opt/sluice/bootstrap.py")).hasContent("# bootstrap");
        assertThat(rootfs.resolve("etc/passwd")).exists();
        assertThat(HostLibraries.neededBy(Path.of("/bin/true")))
                .allSatisfy(library ->
                        assertThat(rootfs.resolve(library.substring(1))).exists());
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
