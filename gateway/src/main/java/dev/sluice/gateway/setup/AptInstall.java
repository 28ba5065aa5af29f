package dev.sluice.gateway.setup;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Installs Debian packages with {@code apt-get}, as root, with no questions asked: the package lists are updated
 * first (a fresh machine may have none), then the packages are installed without their recommendations. apt's
 * machine-readable status ({@code APT::Status-Fd}) drives one progress line; everything apt says goes to a log,
 * whose last lines are quoted when it fails.
 */
final class AptInstall {
    private static final int QUOTED_LINES = 15;

    private final SetupOutput out;
    private final Path log;

    AptInstall(SetupOutput out, Path log) {
        this.out = out;
        this.log = log;
    }

    /** Installs {@code packages}; returns how long it took, in milliseconds. */
    long install(String what, List<String> packages) throws SetupException {
        try {
            Files.createDirectories(log.getParent());
        } catch (IOException e) {
            throw new SetupException("cannot create " + log.getParent() + ": " + e.getMessage());
        }
        try (ProgressLine line = ProgressLine.start(out, "installing " + what + " with apt")) {
            line.detail("updating the package lists");
            run(line, List.of("apt-get", "-q", "update"));
            // The status goes to a descriptor of its own (3, a copy of the pipe): apt keeps it from the package
            // scripts, and were it stdout they would lose theirs (docker.io's fails with "Unable to flush stdout").
            List<String> command = new ArrayList<>(List.of(
                    "sh",
                    "-c",
                    "exec apt-get \"$@\" 3>&1",
                    "apt-get",
                    "-q",
                    "-y",
                    "--no-install-recommends",
                    "-o",
                    "APT::Status-Fd=3",
                    "-o",
                    "Dpkg::Use-Pty=0",
                    "install"));
            command.addAll(packages);
            run(line, command);
            return line.elapsedMillis();
        }
    }

    private void run(ProgressLine line, List<String> command) throws SetupException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Deque<String> last = new ArrayDeque<>();
        // As the user would type it: without the shell that only sets up the status descriptor.
        String shown = String.join(" ", command.get(0).equals("sh") ? command.subList(3, command.size()) : command);
        int status;
        try (Writer writer = Files.newBufferedWriter(
                log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            writer.write("$ " + shown + "\n");
            Process process = builder.start();
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    writer.write(l + "\n");
                    String status0 = statusOf(l);
                    if (status0 != null) {
                        line.detail(status0);
                    } else {
                        last.addLast(l);
                        if (last.size() > QUOTED_LINES) {
                            last.removeFirst();
                        }
                    }
                }
            }
            status = process.waitFor();
        } catch (IOException e) {
            throw new SetupException("cannot run " + shown + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted while running " + shown);
        }
        if (status != 0) {
            throw new SetupException("`" + shown + "` failed (exit " + status + "); apt said:\n  "
                    + String.join("\n  ", last) + "\n(whole log: " + log + ")");
        }
    }

    /**
     * Returns what a status line of apt says, e.g. {@code "40% Unpacking runc"} for {@code
     * pmstatus:runc:40.0000:Unpacking runc (amd64)}, or null for an ordinary line.
     */
    static @Nullable String statusOf(String line) {
        if (!line.startsWith("pmstatus:") && !line.startsWith("dlstatus:")) {
            return null;
        }
        String[] parts = line.split(":", 4);
        if (parts.length < 4) {
            return null;
        }
        String percent;
        try {
            percent = String.format(Locale.ROOT, "%.0f%%", Double.parseDouble(parts[2]));
        } catch (NumberFormatException e) {
            return null;
        }
        String text = parts[3].replaceAll(" \\([^)]*\\)$", "");
        return (line.startsWith("dlstatus:") ? "downloading " : "") + percent + " " + text;
    }
}
