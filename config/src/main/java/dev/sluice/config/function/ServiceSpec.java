package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A long-running backing container a document's functions use (a database, a mock of a cloud service): one
 * container, never scaled, started and found listening on its port before the functions are deployed, reachable
 * from every function container by its name, and restarted when it exits.
 *
 * @param name the service name, a DNS label: functions reach it as {@code name:port}
 * @param runtime the image it runs: a runtime's ({@code java17}, {@code nodejs20}) or, for {@code
 *     custom-container}, {@code image}
 * @param image the local image of a {@code custom-container} service; null for the runtimes
 * @param code mounted read-only at {@code /code} when not null; absolute and normalized
 * @param command replaces the image's entrypoint when not empty
 * @param args replaces the image's command when not empty
 * @param port the port it listens on in its container; its start ends when the port accepts connections
 * @param env environment variables, in the order written
 * @param secrets environment variables whose values are platform secrets: variable to secret name
 * @param volumes container paths to named volumes, kept in the state directory across restarts
 * @param memoryMb the memory limit in MB
 * @param cpu the CPU limit in cores
 */
public record ServiceSpec(
        String name,
        Runtime runtime,
        @Nullable String image,
        @Nullable Path code,
        List<String> command,
        List<String> args,
        int port,
        Map<String, String> env,
        Map<String, String> secrets,
        Map<String, String> volumes,
        int memoryMb,
        double cpu) {

    public ServiceSpec {
        requireNonNull(name, "name");
        requireNonNull(runtime, "runtime");
        if (runtime.isCustomContainer() != (image != null)) {
            throw new IllegalArgumentException("image: " + image + " (expected: set exactly for custom-container)");
        }
        if (code != null) {
            if (!code.isAbsolute()) {
                throw new IllegalArgumentException("code: " + code + " (expected: an absolute path)");
            }
            code = code.normalize();
        }
        if (port < 1 || port > 65535 || memoryMb <= 0 || cpu <= 0) {
            throw new IllegalArgumentException(
                    "port " + port + ", memoryMb " + memoryMb + ", cpu " + cpu + " (expected: all positive)");
        }
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        volumes = Collections.unmodifiableMap(new LinkedHashMap<>(volumes));
    }
}
