package dev.sluice.config.function;

/**
 * High-water marks for an instance's resource use: while an instance stays above one, the scheduler adds an
 * instance even though slots remain (up to {@code maxInstances}).
 *
 * <p>A percentage of 0 means "no watermark for this resource"; {@link #NONE} sets neither.
 *
 * @param cpuPercent CPU use, in percent of the function's {@code cpu}, 1..100, or 0 for none
 * @param memoryPercent memory use, in percent of the function's {@code memory}, 1..100, or 0 for none
 */
public record Watermarks(int cpuPercent, int memoryPercent) {

    /** No watermarks: only in-flight requests drive scaling. */
    public static final Watermarks NONE = new Watermarks(0, 0);

    /** Checks that both percentages are in 0..100. */
    public Watermarks {
        if (cpuPercent < 0 || cpuPercent > 100) {
            throw new IllegalArgumentException("cpuPercent: " + cpuPercent + " (expected: 0..100)");
        }
        if (memoryPercent < 0 || memoryPercent > 100) {
            throw new IllegalArgumentException("memoryPercent: " + memoryPercent + " (expected: 0..100)");
        }
    }

    /** Returns whether a CPU watermark is set. */
    public boolean hasCpu() {
        return cpuPercent > 0;
    }

    /** Returns whether a memory watermark is set. */
    public boolean hasMemory() {
        return memoryPercent > 0;
    }
}
