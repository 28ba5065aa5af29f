package dev.sluice.scheduler.runtime;

import java.util.List;

/**
 * No Docker engine answered. The message lists every place that was tried with its reason, and the one thing to do,
 * so that it can be shown to the user as it is.
 */
public final class DockerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> attempts;

    DockerUnavailableException(List<String> attempts) {
        super(message(attempts));
        this.attempts = List.copyOf(attempts);
    }

    /** Returns one line per engine address tried: the address and why it failed. */
    public List<String> attempts() {
        return attempts;
    }

    private static String message(List<String> attempts) {
        StringBuilder sb = new StringBuilder("no Docker engine reachable, so functions cannot run.\n");
        for (String attempt : attempts) {
            sb.append("  tried ").append(attempt).append('\n');
        }
        sb.append(
                "Start Docker (e.g. `sudo dockerd &` or `systemctl start docker`) or set DOCKER_HOST, then try again.");
        return sb.toString();
    }
}
