package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimerScheduleTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:02:03.500Z"); // a Monday

    @Test
    void fcsCronHasSecondsFirstAndRunsInUtc() {
        assertThat(TimerSchedule.parse("0 0/5 * * * *").nextAfter(AT)).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(TimerSchedule.parse("0 */5 * * * *").nextAfter(AT)).isEqualTo(Instant.parse("2026-12-07T10:05:00Z"));
        assertThat(TimerSchedule.parse("30 0 8 * * ?").nextAfter(AT)).isEqualTo(Instant.parse("2026-12-08T08:00:30Z"));
        assertThat(TimerSchedule.parse("0 0 9 ? * SAT").nextAfter(AT)).isEqualTo(Instant.parse("2026-12-12T09:00:00Z"));
    }

    @Test
    void aTimeZoneMayBeNamed() {
        assertThat(TimerSchedule.parse("CRON_TZ=Asia/Shanghai 0 0 20 * * *").nextAfter(AT))
                .as("20:00 in Shanghai is 12:00 UTC")
                .isEqualTo(Instant.parse("2026-12-07T12:00:00Z"));
    }

    @Test
    void everyIsAFixedInterval() {
        TimerSchedule schedule = TimerSchedule.parse("@every 1h30m");

        assertThat(schedule.every()).isEqualTo(Duration.ofMinutes(90));
        assertThat(schedule.nextAfter(AT)).isEqualTo(AT.plus(Duration.ofMinutes(90)));
        assertThat(TimerSchedule.parse("@every 2s").every()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void whatIsNotASchedulesSaysWhy() {
        assertThatThrownBy(() -> TimerSchedule.parse("*/5 * * * *"))
                .hasMessageContaining("six fields here, seconds first");
        assertThatThrownBy(() -> TimerSchedule.parse("0 61 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TimerSchedule.parse("@every 0s")).hasMessageContaining("above zero");
        assertThatThrownBy(() -> TimerSchedule.parse("CRON_TZ=Mars/Base 0 0 * * * *"))
                .hasMessageContaining("is not a time zone");
    }
}
