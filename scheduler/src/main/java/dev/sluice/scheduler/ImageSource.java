package dev.sluice.scheduler;

import dev.sluice.config.function.Runtime;

/** Returns the local image that runs functions of a runtime, building it first if needed. */
public interface ImageSource {

    /** Returns the image tag for {@code runtime}; may block while the image is built. */
    String imageFor(Runtime runtime);
}
