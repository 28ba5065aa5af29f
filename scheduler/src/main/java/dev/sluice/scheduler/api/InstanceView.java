package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of one instance, for the management API and the tests.
 *
 * @param endpoint its published port on 127.0.0.1, for tools on this machine
 * @param address where calls to it go: its own address when this host reaches it, else the published port
 * @param cpu its last CPU reading, as a fraction of its CPU limit, or null before the first
 * @param memory its last memory reading, as a fraction of its memory limit, or null before the first
 */
public record InstanceView(
        String id,
        InstanceState state,
        @Nullable String containerId,
        @Nullable String endpoint,
        @Nullable String address,
        int slotsInUse,
        int slots,
        boolean reserved,
        @Nullable ColdStart coldStart,
        @Nullable String failure,
        @Nullable Double cpu,
        @Nullable Double memory) {}
