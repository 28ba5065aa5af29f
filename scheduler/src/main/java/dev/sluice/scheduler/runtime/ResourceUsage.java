package dev.sluice.scheduler.runtime;

/**
 * One reading of a container's resource use.
 *
 * @param cpuNanos CPU time used since the container started, cumulative
 * @param memoryBytes memory in use now
 */
public record ResourceUsage(long cpuNanos, long memoryBytes) {}
