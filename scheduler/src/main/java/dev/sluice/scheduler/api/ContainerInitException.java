package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/** The function's initializer failed, answered a non-2xx status, or did not finish within its timeout. */
public final class ContainerInitException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public ContainerInitException(
            String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, function, instance, cause);
    }

    @Override
    public FcError error() {
        return FcError.INITIALIZATION_ERROR;
    }
}
