package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** This machine's programs the images are made from: where they are on {@code PATH}, and what they say. */
final class HostPrograms {
    private static final long LIMIT_SECONDS = 30;

    private HostPrograms() {}

    /** Returns the first executable {@code name} on {@code env}'s {@code PATH}, or null. */
    static @Nullable Path onPath(String name, Map<String, String> env) {
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(":", -1)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * Runs {@code program} with {@code args} and returns what it printed (stdout and stderr), stripped.
     *
     * @throws ImageBuildException when it cannot run, fails, or takes more than 30 s, naming {@code what} it was
     *     asked
     */
    static String output(Path program, String what, String... args) {
        List<String> command = new ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new ImageBuildException(program + " failed to say " + what + ": " + out);
            }
            return out;
        } catch (IOException e) {
            throw new ImageBuildException("cannot run " + program + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while asking " + program + " for " + what);
        }
    }
}
