package dev.sluice.gateway.setup;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Starts the installed Docker engine: through systemd where systemd runs the machine and has the unit (the
 * machine's own service, which a user expects to stay in charge), else {@code dockerd} in a session of its own, so
 * that Ctrl-C in the terminal that ran {@code sluice up} does not reach it. It is left running when Sluice exits:
 * other containers may use it, and the next {@code up} finds it.
 */
final class EngineStarter {
    /** Where a killed dockerd leaves its pid, which makes the next one refuse to start. */
    static final Path PID_FILE = Path.of("/var/run/docker.pid");

    private final Path log;

    EngineStarter(Path log) {
        this.log = log;
    }

    /** Returns the log the engine writes to, as said to the user. */
    String logName(boolean systemd) {
        return systemd ? "journalctl -u docker" : log.toString();
    }

    /**
     * Starts the engine and returns its process when it is a child of ours (so that the caller can tell an early
     * exit), or null when systemd runs it.
     */
    @Nullable
    Process start(boolean systemd, boolean sudo) throws SetupException {
        if (systemd) {
            startUnit(sudo);
            return null;
        }
        if (!HostProbe.dockerdRunning() && Files.exists(PID_FILE)) {
            removeStalePidFile(sudo);
        }
        try {
            Files.createDirectories(log.getParent());
            List<String> command = new ArrayList<>();
            if (sudo) {
                command.addAll(List.of("sudo", "-n"));
            }
            command.addAll(List.of("setsid", "dockerd"));
            return new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new SetupException("cannot start dockerd: " + e.getMessage());
        }
    }

    private static void removeStalePidFile(boolean sudo) throws SetupException {
        try {
            if (sudo) {
                if (!HostProbe.succeeds("sudo", "-n", "rm", "-f", PID_FILE.toString())) {
                    throw new IOException("sudo rm failed");
                }
            } else {
                Files.deleteIfExists(PID_FILE);
            }
        } catch (IOException e) {
            throw new SetupException("no dockerd runs, but its old pid file " + PID_FILE + " is there and cannot be"
                    + " removed (" + e.getMessage() + "); remove it, then try again");
        }
    }

    private static void startUnit(boolean sudo) throws SetupException {
        List<String> command = new ArrayList<>();
        if (sudo) {
            command.addAll(List.of("sudo", "-n"));
        }
        command.addAll(List.of("systemctl", "start", "docker"));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(90, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SetupException("`" + String.join(" ", command) + "` failed: " + said
                        + "\nSee `journalctl -u docker` for why.");
            }
        } catch (IOException e) {
            throw new SetupException("cannot run systemctl: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while starting the Docker engine");
        }
    }

    /** Returns the last {@code n} lines of the engine's log, for a failure message; empty if there is none. */
    String tail(int n) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n  ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
