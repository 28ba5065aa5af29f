package dev.sluice.config.function;

import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads a timer trigger's settings, which each format spells its own way (functions.yml's {@code cron}, {@code
 * payload}, {@code enabled}; FC's {@code cronExpression}, {@code payload}, {@code enable}; a Fun template's {@code
 * CronExpression}, {@code Payload}, {@code Enable}).
 */
final class TimerReader {
    static final String SCHEDULE_HINT = "FC's cron with seconds, e.g. \"0 0/5 * * * *\", or \"@every 1m\"";

    private TimerReader() {}

    /** The keys one format uses. */
    record Keys(String schedule, String payload, String enabled) {}

    static final Keys SLUICE = new Keys("cron", "payload", "enabled");
    static final Keys FC = new Keys("cronExpression", "payload", "enable");
    static final Keys FUN = new Keys("CronExpression", "Payload", "Enable");

    /** Returns the timer {@code name} configured by {@code config}, or null when it has problems (reported). */
    static @Nullable TimerTrigger read(Section config, String name, Keys keys) {
        String text = config.requiredString(keys.schedule(), "a schedule", SCHEDULE_HINT);
        YamlNode node = config.node(keys.schedule());
        TimerSchedule schedule = null;
        if (text != null && node != null) {
            try {
                schedule = TimerSchedule.parse(text);
            } catch (IllegalArgumentException e) {
                config.report(node, keys.schedule(), node.describe() + " is not a schedule: " + e.getMessage());
            }
        }
        String payload = payload(config, keys.payload());
        Boolean enabled = enabled(config, keys.enabled());
        return schedule == null || enabled == null ? null : new TimerTrigger(name, schedule, payload, enabled);
    }

    /** The payload as text: a string as is, a number or a boolean as written, none as empty. */
    private static String payload(Section config, String key) {
        YamlNode node = config.node(key);
        if (node == null || (node instanceof YamlScalar scalar && scalar.isNull())) {
            return "";
        }
        if (node instanceof YamlScalar scalar) {
            return scalar.text();
        }
        config.report(node, key, Section.notA(node, "a payload", "text, e.g. '{\"task\": \"cleanup\"}'"));
        return "";
    }

    private static @Nullable Boolean enabled(Section config, String key) {
        YamlNode node = config.node(key);
        if (node == null) {
            return true;
        }
        if (node instanceof YamlScalar scalar && scalar.kind() == YamlScalar.Kind.BOOLEAN) {
            String text = scalar.text().toLowerCase(Locale.ROOT);
            return text.equals("true") || text.equals("yes") || text.equals("on") || text.equals("y");
        }
        config.report(node, key, Section.notA(node, "true or false", "true or false"));
        return null;
    }
}
