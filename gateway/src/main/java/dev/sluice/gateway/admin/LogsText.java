package dev.sluice.gateway.admin;

import java.util.List;
import java.util.Map;

/**
 * The text of {@code GET /system/functions/{name}/logs}: one line per log line, prefixed with its instance, e.g.
 * {@code hello-1 | FC Invoke Start RequestId: ...}; instance after instance, oldest line first within each.
 */
final class LogsText {
    /** Between the instance id and the line; instance ids never contain it. */
    static final String SEPARATOR = " | ";

    private LogsText() {}

    static String of(Map<String, List<String>> linesByInstance) {
        StringBuilder text = new StringBuilder();
        linesByInstance.forEach((instance, lines) -> {
            for (String line : lines) {
                text.append(instance).append(SEPARATOR).append(line).append('\n');
            }
        });
        return text.toString();
    }
}
