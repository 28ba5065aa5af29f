package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of one backing service, for the management API and the tests.
 *
 * @param state {@code STARTING}, {@code RUNNING} or {@code RESTARTING}
 * @param endpoint where the service's port is published on this host, {@code 127.0.0.1:port}, or null before
 * @param restarts how many times it was restarted after exiting on its own
 * @param lastExit why it last exited on its own (e.g. {@code exit 137}), or null
 */
public record ServiceView(
        String name,
        String image,
        String state,
        @Nullable String containerId,
        @Nullable String endpoint,
        int restarts,
        @Nullable String lastExit) {}
