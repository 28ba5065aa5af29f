package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/** A container could not be created or started, or its process did not listen on its port in time. */
public final class ContainerStartException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public ContainerStartException(
            String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, function, instance, cause);
    }

    @Override
    public FcError error() {
        return FcError.INSTANCE_START_ERROR;
    }
}
