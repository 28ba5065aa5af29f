package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/** No instance slot became free before the request's deadline, or the queue was full. */
public final class NoCapacityException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public NoCapacityException(String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, function, instance, cause);
    }

    @Override
    public FcError error() {
        return FcError.NO_CAPACITY;
    }
}
