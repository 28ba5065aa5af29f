package dev.sluice.scheduler.autoscale;

import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.time.Duration;
import java.util.ArrayDeque;
import org.jspecify.annotations.Nullable;

/**
 * One instance's CPU and memory use over a sliding window, from periodic readings (the collector side of scaling).
 *
 * <p>Each reading after the first becomes a sample covering the interval since the previous one: CPU as the share
 * of the instance's CPU limit used in that interval, memory as the share of its memory limit in use at the reading.
 * Use is <em>sustained</em> above a mark when the samples cover the whole window and every one is above it: with a
 * 5 s window and 1 s readings, five readings in a row above 80% CPU; one reading at 50% resets it.
 *
 * <p>The low watermark, below which an idle instance may be reclaimed, is half the high one.
 *
 * <p>Not thread-safe: the owning pool guards it with its lock.
 */
public final class MetricWindow {
    private final long windowNanos;
    private final double cpuLimit;
    private final long memoryLimitBytes;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private @Nullable ResourceUsage previous;
    private long previousNanos;

    /**
     * @param cpuLimit the instance's CPU limit in cores (e.g. 0.5)
     * @param memoryLimitBytes the instance's memory limit
     */
    public MetricWindow(Duration window, double cpuLimit, long memoryLimitBytes) {
        this.windowNanos = window.toNanos();
        this.cpuLimit = cpuLimit;
        this.memoryLimitBytes = memoryLimitBytes;
    }

    /** One interval's use, as fractions of the limits (CPU may exceed 1 briefly). */
    public record Sample(long fromNanos, long toNanos, double cpu, double memory) {}

    /** Records a reading taken at {@code nowNanos}; the first one only sets the base for the next. */
    public void record(long nowNanos, ResourceUsage usage) {
        ResourceUsage before = previous;
        if (before != null && nowNanos > previousNanos) {
            double cpu = (usage.cpuNanos() - before.cpuNanos()) / ((nowNanos - previousNanos) * cpuLimit);
            double memory = (double) usage.memoryBytes() / memoryLimitBytes;
            samples.addLast(new Sample(previousNanos, nowNanos, Math.max(0, cpu), memory));
        }
        previous = usage;
        previousNanos = nowNanos;
        while (!samples.isEmpty() && samples.peekFirst().toNanos() <= nowNanos - windowNanos) {
            samples.removeFirst();
        }
    }

    /** Returns whether CPU or memory stayed above its high mark through the whole window ending at now. */
    public boolean isSustainedAbove(Watermarks marks, long nowNanos) {
        Sample oldest = samples.peekFirst();
        if (oldest == null || oldest.fromNanos() > nowNanos - windowNanos) {
            return false; // not watched long enough yet
        }
        boolean cpuHigh = marks.hasCpu();
        boolean memoryHigh = marks.hasMemory();
        for (Sample s : samples) {
            cpuHigh &= s.cpu() * 100 >= marks.cpuPercent();
            memoryHigh &= s.memory() * 100 >= marks.memoryPercent();
        }
        return cpuHigh || memoryHigh;
    }

    /** Returns whether the latest use is below the low marks (half the high ones); true when nothing is known. */
    public boolean isBelowLow(Watermarks marks) {
        Sample latest = samples.peekLast();
        if (latest == null) {
            return true;
        }
        boolean cpuLow = !marks.hasCpu() || latest.cpu() * 100 < marks.cpuPercent() / 2.0;
        boolean memoryLow = !marks.hasMemory() || latest.memory() * 100 < marks.memoryPercent() / 2.0;
        return cpuLow && memoryLow;
    }

    /** Returns the latest sample, or null before two readings. */
    public @Nullable Sample latest() {
        return samples.peekLast();
    }
}
