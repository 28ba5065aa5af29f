package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.gateway.setup.BrowserSetup;
import dev.sluice.gateway.setup.EngineSetup;
import dev.sluice.gateway.setup.SetupException;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice setup}: what {@code sluice up} and {@code ./sluice test} do before anything else, on its own: make
 * sure a Docker engine answers (starting or installing one), and with {@code --browser} that Chromium and its driver
 * are there for the browser tests.
 */
@Command(
        name = "setup",
        mixinStandardHelpOptions = true,
        description = "Make sure a Docker engine answers: use a running one, start an installed one, or (as root on"
                + " Debian) install docker.io; with --browser, also Chromium for the browser tests.")
final class SetupCommand implements Callable<Integer> {
    @Option(names = "--browser", description = "also make sure chromium and chromedriver are there")
    boolean browser;

    @Option(
            names = "--no-engine-setup",
            description = "only use an engine that answers; start or install nothing (also SLUICE_ENGINE_SETUP=0)")
    boolean noEngineSetup;

    @picocli.CommandLine.ParentCommand
    @SuppressWarnings("NullAway.Init")
    Main main;

    @Override
    public Integer call() {
        Surroundings surroundings = main.surroundings();
        ConsoleOutput out = new ConsoleOutput(surroundings.console(), surroundings.stdoutIsTerminal());
        PlatformConfig platform;
        try {
            platform = PlatformConfig.fromEnvironment(surroundings.env(), surroundings.userHome());
        } catch (IllegalArgumentException e) {
            out.problem("sluice: " + e.getMessage() + "; fix or unset it, then try again.");
            return Main.EXIT_BAD_INPUT;
        }
        boolean allowed = !noEngineSetup && EngineSetup.allowedBy(surroundings.env());
        try {
            closeQuietly(new EngineSetup(surroundings.env(), platform.home(), out, allowed).ensure());
        } catch (SetupException e) {
            out.problem("sluice: " + e.getMessage());
            return Main.EXIT_NO_DOCKER;
        }
        if (browser) {
            try {
                new BrowserSetup(surroundings.env(), platform.home(), out).ensure();
            } catch (SetupException e) {
                out.problem("sluice: " + e.getMessage());
                return Main.EXIT_FAILURE;
            }
        }
        return 0;
    }

    /** Only the engine's answering mattered here; its client holds nothing worth a failure. */
    private static void closeQuietly(DockerContainerRuntime docker) {
        try {
            docker.close();
        } catch (IOException ignored) {
            // See above.
        }
    }
}
