package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * Whether the container engine answers, as the scheduler last saw it.
 *
 * @param host the engine's address, e.g. {@code unix:///var/run/docker.sock}
 * @param up whether it answered the last ping
 * @param sinceEpochMillis since when it has been up or down, in milliseconds since the epoch
 * @param reason why it is down (the last failure), or null while up
 */
public record EngineState(String host, boolean up, long sinceEpochMillis, @Nullable String reason) {}
