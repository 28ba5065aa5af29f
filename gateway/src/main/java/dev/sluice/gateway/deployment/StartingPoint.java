package dev.sluice.gateway.deployment;

import java.util.Optional;

/**
 * What {@code sluice up} deploys, given the startup file and the deployment the {@link DeploymentStore} kept from an
 * earlier run (which exists only if the API changed something then).
 *
 * <p>The kept deployment wins only when it was made on top of this very file, unchanged: the user restarted after
 * a crash, and expects what the API deployed. A file that changed since, or another file, means the user moved on,
 * so the file wins; {@code --fresh} says so outright. Every case but {@link #FILE} is said on the console.
 */
public enum StartingPoint {
    /** Nothing kept: the file. */
    FILE,
    /** The kept deployment, made on top of this file as it is now. */
    RESTORED,
    /** The file alone, as {@code --fresh} asked; the kept deployment is dropped. */
    FRESH,
    /** The file, which changed since the kept deployment was made on top of it; the kept deployment is dropped. */
    FILE_CHANGED,
    /** The file, while the kept deployment was made on top of another one; the kept deployment is dropped. */
    OTHER_FILE;

    /** Returns where {@code sluice up} starts from. */
    public static StartingPoint decide(Optional<SavedDeployment> kept, StartupFile file, boolean fresh) {
        if (kept.isEmpty()) {
            return FILE;
        }
        if (fresh) {
            return FRESH;
        }
        StartupFile then = kept.get().startup();
        if (!then.path().equals(file.path())) {
            return OTHER_FILE;
        }
        return then.sha256().equals(file.sha256()) ? RESTORED : FILE_CHANGED;
    }
}
