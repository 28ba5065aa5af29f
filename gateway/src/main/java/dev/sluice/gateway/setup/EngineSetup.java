package dev.sluice.gateway.setup;

import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.runtime.DockerEnvironment;
import dev.sluice.scheduler.runtime.DockerUnavailableException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Makes sure a Docker engine answers before {@code sluice up} or {@code sluice test} needs one, saying each step in
 * one line: an engine that answers is used; an installed one is started; on a Debian machine with none, as root,
 * Debian's {@code docker.io} is installed first. What to do is {@link EngineDecider}'s decision; this class looks,
 * carries it out, and waits (bounded) for the engine to answer.
 */
public final class EngineSetup {
    private static final Duration START_BUDGET = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);

    private final Map<String, String> env;
    private final SetupOutput out;
    private final boolean allowed;
    private final HostProbe probe;
    private final EngineStarter starter;
    private final Path aptLog;

    /**
     * @param home the state directory: the engine's log goes to {@code engine/dockerd.log} in it
     * @param allowed whether Sluice may start or install an engine (else only one that answers is used)
     */
    public EngineSetup(Map<String, String> env, Path home, SetupOutput out, boolean allowed) {
        this.env = env;
        this.out = out;
        this.allowed = allowed;
        this.probe = new HostProbe(env);
        this.starter = new EngineStarter(home.resolve("engine").resolve("dockerd.log"));
        this.aptLog = home.resolve("engine").resolve("apt.log");
    }

    /** Returns whether engine set-up is allowed by the environment ({@code SLUICE_ENGINE_SETUP=0} turns it off). */
    public static boolean allowedBy(Map<String, String> env) {
        String value = env.getOrDefault("SLUICE_ENGINE_SETUP", "1").strip();
        return !(value.equals("0") || value.equalsIgnoreCase("false") || value.equalsIgnoreCase("no"));
    }

    /**
     * Returns a runtime connected to an engine that answers, after starting or installing one if needed.
     *
     * @throws SetupException when none can be had; the message lists what was tried and the one command to run
     */
    public DockerContainerRuntime ensure() throws SetupException {
        DockerUnavailableException first;
        try {
            DockerContainerRuntime docker = DockerEnvironment.connect(env);
            out.say("using the Docker engine at " + docker.host());
            return docker;
        } catch (DockerUnavailableException e) {
            first = e;
        }
        EngineStep step = EngineDecider.decide(probe.facts(false, allowed));
        if (step instanceof EngineStep.Wait) {
            out.say("a dockerd process runs but does not answer yet; waiting for it");
            return await(null, false, "the running dockerd");
        }
        if (step instanceof EngineStep.Start start) {
            return start(start.systemd(), start.sudo());
        }
        if (step instanceof EngineStep.Install install) {
            return install(install.systemd());
        }
        if (step instanceof EngineStep.GiveUp giveUp) {
            throw new SetupException(giveUpMessage(first.attempts(), giveUp));
        }
        throw new SetupException(
                String.valueOf(first.getMessage())); // Use: nothing answered, so the decision cannot be this
    }

    private DockerContainerRuntime install(boolean systemd) throws SetupException {
        out.say("no Docker engine is installed: installing Debian's docker.io (log: " + aptLog + ")");
        long millis = new AptInstall(out, aptLog).install("docker.io", List.of("docker.io"));
        out.say("installed docker.io in " + seconds(millis));
        try {
            // Where systemd runs, the package starts its own service.
            return DockerEnvironment.connect(env);
        } catch (DockerUnavailableException e) {
            return start(systemd, false);
        }
    }

    private DockerContainerRuntime start(boolean systemd, boolean sudo) throws SetupException {
        long t0 = System.nanoTime();
        Process dockerd;
        try (ProgressLine line = ProgressLine.start(out, "starting the Docker engine")) {
            dockerd = starter.start(systemd, sudo);
            DockerContainerRuntime docker = await(dockerd, systemd, "dockerd");
            line.stop();
            out.say("started the Docker engine in " + seconds((System.nanoTime() - t0) / 1_000_000) + " (log: "
                    + starter.logName(systemd) + "); it keeps running after Sluice stops");
            return docker;
        }
    }

    /** Waits for the engine to answer, up to {@link #START_BUDGET}; fails early when {@code dockerd} exits. */
    private DockerContainerRuntime await(@Nullable Process dockerd, boolean systemd, String what)
            throws SetupException {
        long deadline = System.nanoTime() + START_BUDGET.toNanos();
        DockerUnavailableException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return DockerEnvironment.connect(env);
            } catch (DockerUnavailableException e) {
                last = e;
            }
            if (dockerd != null && !dockerd.isAlive()) {
                throw new SetupException(what + " exited (status " + dockerd.exitValue() + ") before answering; it"
                        + " said:\n  " + starter.tail(15) + "\n(whole log: " + starter.logName(systemd) + ")");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupException("interrupted while waiting for the Docker engine");
            }
        }
        throw new SetupException(what + " did not answer within " + START_BUDGET.toSeconds() + " s"
                + (last == null ? "" : ":\n  tried " + String.join("\n  tried ", last.attempts()))
                + "\nIts log: " + starter.logName(systemd));
    }

    static String giveUpMessage(List<String> attempts, EngineStep.GiveUp giveUp) {
        StringBuilder sb = new StringBuilder("no Docker engine reachable, so functions cannot run.\n");
        for (String attempt : attempts) {
            sb.append("  tried ").append(attempt).append('\n');
        }
        sb.append(giveUp.why()).append(". What to do:\n  ").append(giveUp.command());
        return sb.toString();
    }

    private static String seconds(long millis) {
        return millis / 1000 + "." + millis % 1000 / 100 + " s";
    }
}
