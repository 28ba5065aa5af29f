package dev.sluice.scheduler.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The log of one call, for FC's {@code X-Fc-Log-Type: Tail}: from the lines an instance wrote since the call began,
 * the ones that belong to it, as FC answers them in {@code x-fc-log-result} (the base64 of at most the last 4 KB).
 *
 * <p>The built-in runtimes mark each call ({@code FC Invoke Start RequestId: id} ... {@code FC Invoke End RequestId:
 * id}) and tag the function's own lines with the request id ({@code <time> <id> [INFO] ...}). So, when the call's
 * start marker is there, its lines are those from it up to its end marker, less the markers and tagged lines of
 * other calls running beside it on the same instance. A custom container marks nothing: every line it wrote since
 * the call began is the call's.
 */
public final class CallLog {
    /** FC's limit: the last 4 KB of the call's log. */
    public static final int LIMIT_BYTES = 4096;

    private static final Pattern MARKER = Pattern.compile("^FC \\w+ (Start|End) RequestId: (\\S+)");
    /** A runtime log line: ISO time, request id, level, e.g. {@code 2026-12-03T10:00:00.000Z 1-abc [INFO] hi}. */
    private static final Pattern TAGGED = Pattern.compile("^\\S+Z (\\S+) \\[[A-Z]+\\] ");

    private CallLog() {}

    /** Returns the lines of {@code lines} (oldest first, written since the call began) that are call {@code id}'s. */
    public static List<String> of(List<String> lines, String id) {
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            Matcher marker = MARKER.matcher(lines.get(i));
            if (marker.find()
                    && marker.group(1).equals("Start")
                    && marker.group(2).equals(id)) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            return List.copyOf(lines);
        }
        List<String> own = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            Matcher marker = MARKER.matcher(line);
            if (marker.find()) {
                if (!marker.group(2).equals(id)) {
                    continue;
                }
                own.add(line);
                if (marker.group(1).equals("End")) {
                    break;
                }
                continue;
            }
            Matcher tagged = TAGGED.matcher(line);
            if (!tagged.find() || tagged.group(1).equals(id)) {
                own.add(line);
            }
        }
        return own;
    }

    /** Returns whether {@code lines} hold call {@code id}'s end marker, i.e. its log is complete. */
    public static boolean isComplete(List<String> lines, String id) {
        return lines.stream().anyMatch(line -> {
            Matcher marker = MARKER.matcher(line);
            return marker.find()
                    && marker.group(1).equals("End")
                    && marker.group(2).equals(id);
        });
    }

    /** Returns FC's {@code x-fc-log-result} for {@code lines}: the base64 of the last {@link #LIMIT_BYTES} bytes. */
    public static String tail(List<String> lines) {
        StringBuilder text = new StringBuilder();
        lines.forEach(line -> text.append(line).append('\n'));
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - LIMIT_BYTES);
        // Not in the middle of a UTF-8 sequence: skip continuation bytes.
        while (from < bytes.length && from > 0 && (bytes[from] & 0xC0) == 0x80) {
            from++;
        }
        return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, from, bytes.length));
    }
}
