package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.StreamRequestHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports what an instance sees of its environment, as JSON: user, working directory, environment, whether {@code
 * /tmp} and {@code HOME} take files and Unix sockets, the size of {@code /tmp} and the memory limit. The same probe
 * exists for each runtime (testing/nodejs/probe), so one test compares them all with FC's execution environment.
 */
public class EnvironmentProbe implements StreamRequestHandler, FunctionInitializer {
    @Override
    public void initialize(Context context) {
        // Configured only so that the initializer's variables are set.
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Map<String, Object> report = new TreeMap<>();
        report.put("uid", Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        report.put("cwd", Path.of("").toAbsolutePath().toString());
        report.put("env", new TreeMap<>(System.getenv()));
        report.put("tmpWritable", writes(Path.of("/tmp")));
        report.put("tmpSocket", listens(Path.of("/tmp")));
        String home = System.getenv("HOME");
        report.put("homeWritable", home != null && writes(Path.of(home)));
        report.put("tmpMb", Files.getFileStore(Path.of("/tmp")).getTotalSpace() / (1024 * 1024));
        report.put("memoryLimitMb", memoryLimitMb());
        report.put("codeWritable", writes(Path.of("/code")));
        output.write(Json.of(report).getBytes(StandardCharsets.UTF_8));
    }

    private static boolean writes(Path dir) {
        try {
            Path file = Files.createTempFile(dir, "probe", ".txt");
            Files.writeString(file, "written");
            Files.delete(file);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean listens(Path dir) {
        Path socket = dir.resolve("probe-" + ProcessHandle.current().pid() + ".sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } finally {
            try {
                Files.deleteIfExists(socket);
            } catch (IOException ignored) {
                // Only a leftover socket file in a tmpfs that goes with the container.
            }
        }
    }

    /** The cgroup's memory limit (v2, else v1), or -1 when it cannot be read. */
    private static long memoryLimitMb() {
        for (String file : new String[] {"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"}) {
            try {
                String value = Files.readString(Path.of(file)).strip();
                return value.equals("max") ? -1 : Long.parseLong(value) / (1024 * 1024);
            } catch (IOException | NumberFormatException e) {
                // Try the next layout.
            }
        }
        return -1;
    }

    /** Just enough JSON for the report: maps, strings, numbers and booleans. */
    static final class Json {
        private Json() {}

        static String of(Object value) {
            if (value instanceof Map<?, ?> map) {
                StringBuilder sb = new StringBuilder("{");
                map.forEach((k, v) -> sb.append(sb.length() > 1 ? "," : "")
                        .append(of(String.valueOf(k)))
                        .append(':')
                        .append(of(v)));
                return sb.append('}').toString();
            }
            if (value instanceof String s) {
                StringBuilder sb = new StringBuilder("\"");
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '"' || c == '\\') {
                        sb.append('\\').append(c);
                    } else if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
                return sb.append('"').toString();
            }
            return String.valueOf(value);
        }
    }
}
