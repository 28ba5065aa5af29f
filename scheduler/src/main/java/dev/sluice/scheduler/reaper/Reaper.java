package dev.sluice.scheduler.reaper;

import dev.sluice.scheduler.runtime.ContainerRuntime;
import dev.sluice.scheduler.runtime.Labels;
import java.time.Duration;
import java.util.List;

/**
 * Removes containers (and their networks) left behind by a gateway run that died without cleaning up (kill -9, a crash, a power cut).
 * Only containers labelled with this state directory are touched; at most one gateway runs per state directory, so
 * at startup all of them are leftovers.
 */
public final class Reaper {
    private final ContainerRuntime containers;
    private final String homeLabel;

    public Reaper(ContainerRuntime containers, String homeLabel) {
        this.containers = containers;
        this.homeLabel = homeLabel;
    }

    /** Removes every container labelled with this state directory and returns how many there were. */
    public int removeLeftovers() {
        List<String> leftovers = containers.containersLabelled(Labels.HOME, homeLabel);
        leftovers.parallelStream().forEach(id -> containers.remove(id, Duration.ZERO));
        // A network goes once its containers have: the engine refuses to remove one in use.
        containers.networksLabelled(Labels.HOME, homeLabel).forEach(containers::removeNetwork);
        return leftovers.size();
    }
}
