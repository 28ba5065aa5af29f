package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

/**
 * A timer trigger (FC's {@code timer}): calls the function's event handler on a schedule with FC's timer event,
 * {@code {"triggerTime": "...", "triggerName": name, "payload": payload}}.
 *
 * @param name the trigger's name, passed as {@code triggerName}
 * @param schedule when it fires
 * @param payload the text passed as {@code payload}; empty when none is configured
 * @param enabled whether it fires at all (FC writes it {@code enable: true})
 */
public record TimerTrigger(String name, TimerSchedule schedule, String payload, boolean enabled) {
    public TimerTrigger {
        requireNonNull(name, "name");
        requireNonNull(schedule, "schedule");
        requireNonNull(payload, "payload");
    }
}
