package dev.sluice.gateway.setup;

/**
 * Decides how a Docker engine comes to answer, from what was found and nothing else (no I/O, so every case is a plain
 * unit test). In this order:
 *
 * <ol>
 *   <li>an engine answers ({@code DOCKER_HOST} or a known socket): use it; a {@code DOCKER_HOST} that does not
 *       answer is the user's choice, and nothing else is tried;
 *   <li>{@code dockerd} is installed and Sluice may start it (root, or {@code sudo -n} works): start it (through
 *       systemd when systemd runs the machine and has the unit), or wait for one that is already starting;
 *   <li>no engine is installed, the machine has {@code apt-get} and Sluice runs as root: install {@code docker.io},
 *       then as 2;
 *   <li>anything else (not root, macOS, Windows, set-up turned off): give up with the one command for this system.
 * </ol>
 */
public final class EngineDecider {
    private EngineDecider() {}

    /** Returns the step to take on a machine where {@code facts} hold. */
    public static EngineStep decide(EngineFacts facts) {
        if (facts.answers()) {
            return new EngineStep.Use();
        }
        if (facts.dockerHost() != null) {
            return new EngineStep.GiveUp(
                    "DOCKER_HOST=" + facts.dockerHost() + " does not answer",
                    "start the engine it names, or unset DOCKER_HOST to use this machine's");
        }
        String command = commandFor(facts);
        if (!facts.setupAllowed()) {
            return new EngineStep.GiveUp("no Docker engine answers (engine set-up is turned off)", command);
        }
        if (facts.os() != EngineFacts.Os.LINUX) {
            return new EngineStep.GiveUp("no Docker engine answers", command);
        }
        boolean privileged = facts.root() || facts.sudo();
        if (facts.dockerdInstalled() && facts.dockerdRunning()) {
            return new EngineStep.Wait();
        }
        if (facts.dockerdInstalled() && privileged) {
            return new EngineStep.Start(facts.systemdUnit(), !facts.root());
        }
        if (!facts.dockerdInstalled() && facts.apt() && facts.root()) {
            return new EngineStep.Install(facts.systemdUnit());
        }
        return new EngineStep.GiveUp(
                facts.dockerdInstalled()
                        ? "the Docker engine is installed but not running, and starting it needs root"
                        : "no Docker engine is installed",
                command);
    }

    /** Returns the one command that gives this machine a running engine, for the message of the last case. */
    static String commandFor(EngineFacts facts) {
        return switch (facts.os()) {
            case MAC -> "open -a Docker   (start Docker Desktop; install it first if needed)";
            case WINDOWS -> "start Docker Desktop (install it first if needed)";
            case OTHER -> "start a Docker engine, or set DOCKER_HOST to one";
            case LINUX -> linuxCommand(facts);
        };
    }

    private static String linuxCommand(EngineFacts facts) {
        String sudo = facts.root() ? "" : "sudo ";
        if (facts.dockerdInstalled()) {
            return facts.systemdUnit() ? sudo + "systemctl start docker" : sudo + "dockerd &";
        }
        if (facts.apt()) {
            return sudo + "apt-get install docker.io   (then run this command again)";
        }
        return "install Docker Engine with your system's package manager (e.g. `sudo dnf install docker`), then"
                + " start it";
    }
}
