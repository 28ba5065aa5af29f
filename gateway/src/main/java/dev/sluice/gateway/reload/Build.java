package dev.sluice.gateway.reload;

import dev.sluice.scheduler.api.Clock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The build command of {@code sluice up --build}: run with {@code sh -c} in the project's directory when its sources
 * change. Its output is kept and shown only when it fails (the last {@link #TAIL} lines), so that a working build
 * costs the console one line.
 */
final class Build {
    static final int TAIL = 30;
    private static final long LIMIT_MINUTES = 15;

    private final String command;
    private final Path directory;
    private final Clock clock;
    private final Consumer<String> say;
    private final Consumer<String> problem;

    Build(String command, Path directory, Clock clock, Consumer<String> say, Consumer<String> problem) {
        this.command = command;
        this.directory = directory;
        this.clock = clock;
        this.say = say;
        this.problem = problem;
    }

    /** Runs the command because {@code cause} changed; returns whether it succeeded. Blocks. */
    boolean run(String cause) {
        long t0 = clock.nanoTime();
        Deque<String> tail = new ArrayDeque<>();
        try {
            Process process = new ProcessBuilder("sh", "-c", command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            try (BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    tail.addLast(line);
                    if (tail.size() > TAIL) {
                        tail.removeFirst();
                    }
                }
            }
            if (!process.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                problem.accept("build `" + command + "` did not end in " + LIMIT_MINUTES + " min; stopped it");
                return false;
            }
            String took = String.format(Locale.ROOT, "%.1f s", (clock.nanoTime() - t0) / 1e9);
            if (process.exitValue() != 0) {
                problem.accept("build `" + command + "` failed (exit " + process.exitValue() + ", " + cause
                        + " changed, " + took + "); still running the previous version. Its last lines:\n  "
                        + String.join("\n  ", tail));
                return false;
            }
            say.accept("built (" + cause + " changed) with `" + command + "` in " + took);
            return true;
        } catch (IOException e) {
            problem.accept("cannot run the build `" + command + "` in " + directory + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
