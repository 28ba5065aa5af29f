package dev.sluice.gateway.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.runtime.DockerEnvironment;
import dev.sluice.scheduler.runtime.DockerUnavailableException;

/**
 * The Docker engine for integration tests. Without one, tests are skipped with the reason, in the style of
 * testcontainers' {@code disabledWithoutDocker}; with {@code SLUICE_REQUIRE_DOCKER=1} (CI sets it) they fail.
 */
public final class DockerEngine {
    private DockerEngine() {}

    /** Returns a runtime on the local engine, or aborts the calling test as described above. */
    public static DockerContainerRuntime connectOrSkip() {
        try {
            return DockerEnvironment.connect(System.getenv());
        } catch (DockerUnavailableException e) {
            if ("1".equals(System.getenv("SLUICE_REQUIRE_DOCKER"))) {
                return fail("SLUICE_REQUIRE_DOCKER=1 but " + e.getMessage());
            }
            assumeTrue(false, "skipped: " + e.getMessage());
            throw new IllegalStateException("unreachable", e);
        }
    }
}
