package dev.sluice.gateway.export;

import dev.sluice.config.function.Runtime;
import java.nio.file.Path;

/** What the export needs of a container engine: Sluice's runtime images, and building on top of them. */
public interface ImageEngine {
    /** Returns the tag of {@code runtime}'s image (e.g. {@code sluice/java17:6fc765436a1a}), built if missing. */
    String runtimeImage(Runtime runtime);

    /** Returns whether the engine has an image of this tag. */
    boolean hasImage(String tag);

    /** Builds the Dockerfile in {@code context} as {@code tag}, pulling nothing. */
    void build(Path context, String tag);
}
