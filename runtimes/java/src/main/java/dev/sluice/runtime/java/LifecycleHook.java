package dev.sluice.runtime.java;

/** The instance lifecycle hooks the platform may call before it stops or freezes a container. */
enum LifecycleHook {
    PRE_STOP("pre-stop handler", "x-fc-instance-lifecycle-pre-stop-handler", "PreStop"),
    PRE_FREEZE("pre-freeze handler", "x-fc-instance-lifecycle-pre-freeze-handler", "PreFreeze");

    private final String label;
    private final String header;
    private final String logName;

    LifecycleHook(String label, String header, String logName) {
        this.label = label;
        this.header = header;
        this.logName = logName;
    }

    /** Returns the name used in error messages, e.g. "pre-stop handler". */
    String label() {
        return label;
    }

    /** Returns the header that may name a {@code Class::method(Context)} to run for this hook. */
    String header() {
        return header;
    }

    /** Returns the word in this hook's log markers, e.g. {@code FC PreStop Start RequestId: ...}. */
    String logName() {
        return logName;
    }
}
