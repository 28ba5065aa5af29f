package dev.sluice.scheduler;

import dev.sluice.config.function.Runtime;
import org.jspecify.annotations.Nullable;

/** Returns the local image that runs functions of a runtime, building it first if needed. */
public interface ImageSource {

    /** Returns the image tag for {@code runtime}; may block while the image is built. */
    String imageFor(Runtime runtime);

    /**
     * Returns the version of the language in {@code runtime}'s image, e.g. {@code 3.11.7} for {@code python3}, or
     * null when the image is the user's own or the source does not know.
     */
    default @Nullable String versionOf(Runtime runtime) {
        return null;
    }
}
