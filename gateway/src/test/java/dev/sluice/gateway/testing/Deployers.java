package dev.sluice.gateway.testing;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.deployment.DeploymentStore;
import dev.sluice.gateway.deployment.SavedDeployment;
import dev.sluice.scheduler.api.Scheduler;
import java.nio.file.Path;
import java.time.Instant;

/** Deployers for gateways that tests start in-process. */
public final class Deployers {
    private Deployers() {}

    /**
     * Returns a deployer on {@code scheduler} whose startup deployment is {@code yaml}, as if read from {@code
     * baseDir/functions.yml}, keeping the API's changes in {@code stateDir}. Code may be anywhere, as with {@code
     * --allow-code-outside}: tests take their code from the build's own directories.
     */
    public static Deployer of(Scheduler scheduler, String yaml, Path baseDir, Path stateDir) {
        return new Deployer(
                scheduler,
                new DeploymentStore(stateDir),
                CodeRoots.ANY,
                baseDir,
                SavedDeployment.ofFile(baseDir.resolve("functions.yml"), yaml, Instant.EPOCH));
    }
}
