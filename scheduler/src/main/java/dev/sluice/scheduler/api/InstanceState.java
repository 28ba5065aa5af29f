package dev.sluice.scheduler.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of one instance:
 *
 * <pre>
 * CREATING ─▶ STARTING ─▶ INITIALIZING ─▶ READY ─▶ DRAINING ─▶ REMOVED
 *     │           │             │            │          │
 *     └───────────┴─────────────┴────────────┴──────────┴──▶ FAILED
 * </pre>
 *
 * <ol>
 *   <li>CREATING: the container is being created.
 *   <li>STARTING: the container was started; waiting until its port accepts connections.
 *   <li>INITIALIZING: {@code POST /initialize} is running, bounded by the initialization timeout. Skipped (STARTING
 *       goes straight to READY) when the function has no initializer.
 *   <li>READY: takes leases, up to its slots. No request ever reaches an instance before it is READY.
 *   <li>DRAINING: takes no new leases; removed once its last lease is released.
 *   <li>REMOVED and FAILED are final; the container is gone (or being removed).
 * </ol>
 */
public enum InstanceState {
    CREATING,
    STARTING,
    INITIALIZING,
    READY,
    DRAINING,
    REMOVED,
    FAILED;

    /** Returns whether an instance in this state may move to {@code next}. */
    public boolean canMoveTo(InstanceState next) {
        return (next == FAILED && !isFinal()) || successors().contains(next);
    }

    /** Returns whether the instance is still coming up (it will offer slots unless it fails). */
    public boolean isStarting() {
        return this == CREATING || this == STARTING || this == INITIALIZING;
    }

    /** Returns whether this state is final. */
    public boolean isFinal() {
        return this == REMOVED || this == FAILED;
    }

    private Set<InstanceState> successors() {
        return switch (this) {
            case CREATING -> EnumSet.of(STARTING, DRAINING);
            case STARTING -> EnumSet.of(INITIALIZING, READY, DRAINING);
            case INITIALIZING -> EnumSet.of(READY, DRAINING);
            case READY -> EnumSet.of(DRAINING);
            case DRAINING -> EnumSet.of(REMOVED);
            case REMOVED, FAILED -> EnumSet.noneOf(InstanceState.class);
        };
    }
}
