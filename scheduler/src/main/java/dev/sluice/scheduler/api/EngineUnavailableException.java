package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/** The container engine cannot be reached, so no instance could be started (or asked why it stopped). */
public final class EngineUnavailableException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public EngineUnavailableException(
            String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, function, instance, cause);
    }

    @Override
    public FcError error() {
        return FcError.ENGINE_UNAVAILABLE;
    }
}
