package dev.sluice.scheduler.runtime;

/** The engine's view of one container at one moment. */
public record ContainerStatus(boolean exists, boolean running, int exitCode, boolean oomKilled, String error) {

    /** The status of a container the engine no longer knows. */
    public static final ContainerStatus GONE = new ContainerStatus(false, false, -1, false, "");

    /** Returns a short human reason for a container that is not running, e.g. {@code OOMKilled} or {@code exit 1}. */
    public String reason() {
        if (!exists) {
            return "container removed";
        }
        if (oomKilled) {
            return "OOMKilled";
        }
        if (running) {
            return "running";
        }
        return error.isEmpty() ? "exit " + exitCode : "exit " + exitCode + ": " + error;
    }
}
