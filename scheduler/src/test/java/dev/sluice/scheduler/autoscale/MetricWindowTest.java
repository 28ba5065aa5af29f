package dev.sluice.scheduler.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.runtime.ResourceUsage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MetricWindowTest {
    private static final long SECOND = 1_000_000_000L;
    private static final long MIB = 1024 * 1024;
    private static final Watermarks CPU_80 = new Watermarks(80, 0);

    /** Half a core, 256 MiB, a 5 s window. */
    private final MetricWindow window = new MetricWindow(Duration.ofSeconds(5), 0.5, 256 * MIB);

    private long cpuNanos;

    /** Records one reading a second later, with the instance having used {@code share} of its half core. */
    private void second(int t, double share, long memoryMib) {
        cpuNanos += (long) (share * 0.5 * SECOND);
        window.record(t * SECOND, new ResourceUsage(cpuNanos, memoryMib * MIB));
    }

    @Test
    void cpuIsTheShareOfTheLimitUsedBetweenReadings() {
        second(0, 0, 64);
        second(1, 0.9, 64);

        assertThat(window.latest()).isNotNull();
        assertThat(window.latest().cpu()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(0.001));
        assertThat(window.latest().memory()).isEqualTo(0.25);
    }

    @Test
    void isSustainedOnlyOnceTheWholeWindowIsAboveTheMark() {
        second(0, 0, 64);
        for (int t = 1; t <= 4; t++) {
            second(t, 0.9, 64);
            assertThat(window.isSustainedAbove(CPU_80, t * SECOND))
                    .as("after %d s", t)
                    .isFalse();
        }
        second(5, 0.9, 64);

        assertThat(window.isSustainedAbove(CPU_80, 5 * SECOND)).isTrue();
    }

    @Test
    void oneReadingBelowTheMarkResetsTheWindow() {
        second(0, 0, 64);
        for (int t = 1; t <= 5; t++) {
            second(t, t == 3 ? 0.5 : 0.9, 64);
        }
        assertThat(window.isSustainedAbove(CPU_80, 5 * SECOND)).isFalse();
        for (int t = 6; t <= 8; t++) {
            second(t, 0.9, 64);
        }

        assertThat(window.isSustainedAbove(CPU_80, 8 * SECOND)).isTrue();
    }

    @Test
    void memoryAboveItsMarkCountsToo() {
        Watermarks memory = new Watermarks(80, 85);
        second(0, 0, 240);
        for (int t = 1; t <= 5; t++) {
            second(t, 0.1, 240);
        }

        assertThat(window.isSustainedAbove(memory, 5 * SECOND)).isTrue();
        assertThat(window.isBelowLow(memory)).isFalse();
    }

    @Test
    void isBelowLowUnderHalfTheHighMark() {
        assertThat(window.isBelowLow(CPU_80)).as("nothing known yet").isTrue();
        second(0, 0, 64);
        second(1, 0.45, 64);
        assertThat(window.isBelowLow(CPU_80)).isFalse();
        second(2, 0.35, 64);

        assertThat(window.isBelowLow(CPU_80)).isTrue();
    }

    @Test
    void withoutWatermarksNothingIsEverHot() {
        second(0, 0, 64);
        for (int t = 1; t <= 6; t++) {
            second(t, 1.0, 256);
        }

        assertThat(window.isSustainedAbove(Watermarks.NONE, 6 * SECOND)).isFalse();
        assertThat(window.isBelowLow(Watermarks.NONE)).isTrue();
    }
}
