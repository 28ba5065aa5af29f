package dev.sluice.gateway.setup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Makes sure Debian's {@code chromium} and {@code chromium-driver} are there for the browser tests, installing them
 * with apt when Sluice runs as root on a machine that has it.
 */
public final class BrowserSetup {
    private final HostProbe probe;
    private final SetupOutput out;
    private final Path aptLog;

    public BrowserSetup(Map<String, String> env, Path home, SetupOutput out) {
        this.probe = new HostProbe(env);
        this.out = out;
        this.aptLog = home.resolve("engine").resolve("apt.log");
    }

    /**
     * Returns once both binaries are on {@code PATH}.
     *
     * @throws SetupException when they are missing and cannot be installed here, saying what to install
     */
    public void ensure() throws SetupException {
        boolean chromium = probe.onPath("chromium").isPresent();
        boolean driver = probe.onPath("chromedriver").isPresent();
        if (chromium && driver) {
            out.say("using Chromium at " + probe.onPath("chromium").orElseThrow() + " for the browser tests");
            return;
        }
        String missing = !chromium && !driver ? "Chromium and its driver" : chromium ? "chromedriver" : "Chromium";
        boolean root = HostProbe.isRoot();
        if (!root || probe.onPath("apt-get").isEmpty()) {
            throw new SetupException("the browser tests need " + missing + ", which this machine lacks. Run:\n  "
                    + (root ? "" : "sudo ") + "apt-get install chromium chromium-driver\n"
                    + "(or your system's packages of Chromium and chromedriver), then run the command again.");
        }
        out.say("the browser tests need " + missing + ": installing Debian's chromium and chromium-driver (log: "
                + aptLog + ")");
        long millis = new AptInstall(out, aptLog).install("chromium", List.of("chromium", "chromium-driver"));
        out.say("installed chromium and chromium-driver in " + millis / 1000 + "." + millis % 1000 / 100 + " s");
    }
}
