package dev.sluice.scheduler;

/** The function's queue of requests waiting for a slot is full: the request is refused at once (429). */
public final class QueueFullException extends SchedulerException {
    private static final long serialVersionUID = 1L;

    public QueueFullException(String message, String function) {
        super(message, function, null, null);
    }

    @Override
    public String errorType() {
        return "ResourceExhausted";
    }
}
