package dev.sluice.config.function;

import java.time.Duration;

/**
 * Ranges and defaults of the function settings, from Alibaba Function Compute (see {@code
 * reference/fc-runtime-protocol.md}) where FC has them. {@code docs/functions-yml.md} repeats them for users; keep
 * both in step.
 */
final class Limits {

    static final DurationLimit INITIALIZATION_TIMEOUT =
            new DurationLimit(Duration.ofSeconds(1), Duration.ofSeconds(300), Duration.ofSeconds(3), "1s..300s");
    static final DurationLimit TIMEOUT =
            new DurationLimit(Duration.ofSeconds(1), Duration.ofSeconds(86_400), Duration.ofSeconds(3), "1s..86400s");
    static final DurationLimit IDLE_TIMEOUT =
            new DurationLimit(Duration.ofSeconds(1), Duration.ofHours(24), Duration.ofSeconds(300), "1s..24h");

    /** Memory in MB; also a multiple of {@link #MEMORY_STEP_MB}. */
    static final IntLimit MEMORY_MB = new IntLimit(128, 32_768, 512);

    static final int MEMORY_STEP_MB = 64;
    /** The writable {@code /tmp} in MB: FC's {@code diskSize} is 512 or 10240; any size in between is taken. */
    static final IntLimit DISK_SIZE_MB = new IntLimit(64, 10_240, 512);

    static final double MIN_CPU = 0.05;
    static final double MAX_CPU = 16;
    static final double DEFAULT_CPU = 1.0;
    static final IntLimit INSTANCE_CONCURRENCY = new IntLimit(1, 200, 1);
    static final IntLimit MIN_INSTANCES = new IntLimit(0, 100, 0);
    static final IntLimit MAX_INSTANCES = new IntLimit(1, 100, 10);

    /** A watermark in percent; 0 (not set) is the default and cannot be written. */
    static final IntLimit WATERMARK_PERCENT = new IntLimit(1, 100, 0);

    private Limits() {}

    /**
     * An inclusive range of whole numbers and the value used when the key is absent.
     *
     * @param min the smallest allowed value
     * @param max the largest allowed value
     * @param fallback the default
     */
    record IntLimit(int min, int max, int fallback) {

        boolean contains(long value) {
            return value >= min && value <= max;
        }

        /** Returns the range as shown to users, e.g. {@code 1..100}. */
        @Override
        public String toString() {
            return min + ".." + max;
        }
    }

    /**
     * An inclusive range of durations and the value used when the key is absent.
     *
     * @param min the shortest allowed duration
     * @param max the longest allowed duration
     * @param fallback the default
     * @param shown the range as shown to users, e.g. {@code 1s..300s}
     */
    record DurationLimit(Duration min, Duration max, Duration fallback, String shown) {

        boolean contains(Duration value) {
            return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
        }

        @Override
        public String toString() {
            return shown;
        }
    }
}
