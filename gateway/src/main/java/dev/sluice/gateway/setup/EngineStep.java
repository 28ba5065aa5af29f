package dev.sluice.gateway.setup;

/** What to do so that a Docker engine answers: the output of {@link EngineDecider#decide}. */
public sealed interface EngineStep {

    /** An engine answers: use it. */
    record Use() implements EngineStep {}

    /** A {@code dockerd} process runs but does not answer yet: it is starting; wait for it. */
    record Wait() implements EngineStep {}

    /**
     * Start the installed engine in the background and wait for it.
     *
     * @param systemd through {@code systemctl start docker} (the machine's own service) rather than {@code dockerd}
     * @param sudo through {@code sudo -n}, as Sluice does not run as root
     */
    record Start(boolean systemd, boolean sudo) implements EngineStep {}

    /** Install Debian's {@code docker.io} with apt (Sluice runs as root), then start it as {@link Start} does. */
    record Install(boolean systemd) implements EngineStep {}

    /**
     * Nothing Sluice may do gives an engine: say why and the one command that does, and exit 3.
     *
     * @param why what was found, e.g. "no Docker engine is installed"
     * @param command the one command for this system, e.g. {@code sudo apt-get install docker.io}
     */
    record GiveUp(String why, String command) implements EngineStep {}
}
