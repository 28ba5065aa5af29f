package dev.sluice.scheduler.api;

/** The function's queue of requests waiting for a slot is full: the request is refused at once (429). */
public final class QueueFullException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message, String function) {
        super(message, function, null, null);
    }

    @Override
    public FcError error() {
        return FcError.QUEUE_FULL;
    }
}
