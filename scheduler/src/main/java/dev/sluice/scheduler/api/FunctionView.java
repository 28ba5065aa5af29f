package dev.sluice.scheduler.api;

import dev.sluice.config.function.FunctionSpec;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of one deployed function, or of one published version of it.
 *
 * @param image the image its containers run
 * @param runtimeVersion the version of the language in that image, e.g. {@code 3.11.7}; null for a user's image
 * @param instances its instances, oldest first
 * @param queued requests waiting for a slot
 * @param lastDecision the pool's last scaling decision, with its inputs, or null before the first
 * @param version {@link CallTarget#LATEST} for what is deployed, or the id of the published version the pool runs
 */
public record FunctionView(
        FunctionSpec spec,
        String image,
        @Nullable String runtimeVersion,
        List<InstanceView> instances,
        int queued,
        @Nullable ScaleDecision lastDecision,
        String version) {}
