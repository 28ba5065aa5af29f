package dev.sluice.scheduler;

import org.jspecify.annotations.Nullable;

/** The container exited (or was OOM-killed) while requests were in flight. */
public final class ContainerCrashedException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public ContainerCrashedException(
            String message, String function, @Nullable String instance, @Nullable Throwable cause) {
        super(message, function, instance, cause);
    }

    @Override
    public String errorType() {
        return "InstanceCrashed";
    }
}
