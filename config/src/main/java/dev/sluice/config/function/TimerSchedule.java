package dev.sluice.config.function;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * When a timer trigger fires, as FC writes it: a cron expression of six fields with seconds first ({@code second
 * minute hour day-of-month month day-of-week}, e.g. {@code 0 0/5 * * * *}; {@code ?}, ranges, lists, steps and
 * names as in FC), in UTC unless prefixed {@code CRON_TZ=Asia/Shanghai }, or {@code @every} and a duration ({@code
 * @every 1m}, {@code @every 1h30m}, {@code @every 2s}). Parsing is cron-utils', with the six-field definition.
 */
public final class TimerSchedule {
    private static final CronParser CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING));
    private static final Pattern EVERY = Pattern.compile("@every\\s+((?:\\d+[hms])+)");
    private static final Pattern EVERY_PART = Pattern.compile("(\\d+)([hms])");
    private static final Pattern TIME_ZONE = Pattern.compile("CRON_TZ=(\\S+)\\s+(.*)");

    private final String text;
    private final @Nullable Duration every;
    private final @Nullable ExecutionTime cron;
    private final ZoneId zone;

    private TimerSchedule(String text, @Nullable Duration every, @Nullable ExecutionTime cron, ZoneId zone) {
        this.text = text;
        this.every = every;
        this.cron = cron;
        this.zone = zone;
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static TimerSchedule parse(String text) {
        String trimmed = text.strip();
        Matcher every = EVERY.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (every.matches()) {
            Duration interval = Duration.ZERO;
            Matcher part = EVERY_PART.matcher(every.group(1));
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                interval = interval.plus(
                        switch (part.group(2)) {
                            case "h" -> Duration.ofHours(amount);
                            case "m" -> Duration.ofMinutes(amount);
                            default -> Duration.ofSeconds(amount);
                        });
            }
            if (interval.isZero()) {
                throw new IllegalArgumentException("@every needs an interval above zero, e.g. @every 1m");
            }
            return new TimerSchedule(trimmed, interval, null, ZoneOffset.UTC);
        }
        ZoneId zone = ZoneOffset.UTC;
        String expression = trimmed;
        Matcher tz = TIME_ZONE.matcher(trimmed);
        if (tz.matches()) {
            try {
                zone = ZoneId.of(tz.group(1));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(
                        "CRON_TZ=" + tz.group(1) + " is not a time zone (e.g. Asia/Shanghai)");
            }
            expression = tz.group(2);
        }
        if (expression.split("\\s+").length != 6) {
            throw new IllegalArgumentException("a cron expression has six fields here, seconds first (second minute"
                    + " hour day-of-month month day-of-week), e.g. 0 0/5 * * * *");
        }
        try {
            return new TimerSchedule(trimmed, null, ExecutionTime.forCron(CRON.parse(expression)), zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** Returns the first time after {@code after} that the timer fires, or null when it never fires again. */
    public @Nullable Instant nextAfter(Instant after) {
        if (every != null) {
            return after.plus(every);
        }
        ExecutionTime execution = java.util.Objects.requireNonNull(cron);
        return execution
                .nextExecution(ZonedDateTime.ofInstant(after, zone))
                .map(ZonedDateTime::toInstant)
                .orElse(null);
    }

    /** Returns the interval of an {@code @every} schedule, or null for a cron expression. */
    public @Nullable Duration every() {
        return every;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof TimerSchedule schedule && schedule.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** Returns the schedule as written. */
    @Override
    public String toString() {
        return text;
    }
}
