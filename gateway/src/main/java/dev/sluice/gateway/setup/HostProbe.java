package dev.sluice.gateway.setup;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Looks at this machine for the {@link EngineFacts}: binaries on {@code PATH}, processes, the user, systemd. */
final class HostProbe {
    private final Map<String, String> env;

    HostProbe(Map<String, String> env) {
        this.env = env;
    }

    /** Returns the facts, given whether an engine answered already and whether set-up is allowed. */
    EngineFacts facts(boolean answers, boolean setupAllowed) {
        String dockerHost = env.get("DOCKER_HOST");
        boolean root = isRoot();
        boolean dockerd = onPath("dockerd").isPresent();
        return new EngineFacts(
                answers,
                dockerHost == null || dockerHost.isBlank() ? null : dockerHost.trim(),
                EngineFacts.Os.of(System.getProperty("os.name", "")),
                dockerd,
                dockerdRunning(),
                systemdRuns() && Files.exists(Path.of("/lib/systemd/system/docker.service")),
                root,
                !root && onPath("sudo").isPresent() && succeeds("sudo", "-n", "true"),
                onPath("apt-get").isPresent(),
                setupAllowed);
    }

    /** Returns whether systemd is this machine's init (its runtime directory exists only then). */
    static boolean systemdRuns() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    /** Returns {@code name} as found on {@code PATH}, the way a shell would find it. */
    Optional<Path> onPath(String name) {
        String path = env.getOrDefault("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        for (String dir : path.split(File.pathSeparator, -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Returns whether a {@code dockerd} process runs on this machine, whoever started it. */
    static boolean dockerdRunning() {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info()
                .command()
                .map(c -> c.equals("dockerd") || c.endsWith("/dockerd"))
                .orElse(false));
    }

    static boolean isRoot() {
        // "user.name" is only the login name; the effective uid is what the kernel checks.
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** Returns whether {@code command} exits 0 within five seconds, with no input and its output discarded. */
    static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
