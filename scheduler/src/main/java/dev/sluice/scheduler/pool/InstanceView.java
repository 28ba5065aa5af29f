package dev.sluice.scheduler.pool;

import org.jspecify.annotations.Nullable;

/** A read-only snapshot of one instance, for the management API and the tests. */
public record InstanceView(
        String id,
        InstanceState state,
        @Nullable String containerId,
        @Nullable String endpoint,
        int slotsInUse,
        int slots,
        boolean reserved,
        @Nullable ColdStart coldStart,
        @Nullable String failure) {}
