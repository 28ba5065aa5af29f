package dev.sluice.scheduler.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CallLogTest {
    @Test
    void aMarkedCallIsItsLinesFromStartToEndLessTheOtherCallsBesideIt() {
        List<String> lines = List.of(
                "FC Invoke Start RequestId: other",
                "FC Invoke Start RequestId: mine",
                "2026-12-03T10:00:00.000Z other [INFO] not mine",
                "2026-12-03T10:00:00.001Z mine [INFO] hello",
                "an untagged println",
                "FC Invoke End RequestId: other",
                "FC Invoke End RequestId: mine",
                "FC Invoke Start RequestId: next");

        assertThat(CallLog.of(lines, "mine"))
                .containsExactly(
                        "FC Invoke Start RequestId: mine",
                        "2026-12-03T10:00:00.001Z mine [INFO] hello",
                        "an untagged println",
                        "FC Invoke End RequestId: mine");
        assertThat(CallLog.isComplete(lines, "mine")).isTrue();
        assertThat(CallLog.isComplete(lines, "next")).isFalse();
    }

    @Test
    void anUnmarkedInstanceGivesEveryLineSinceTheCallBegan() {
        assertThat(CallLog.of(List.of("listening", "got a request"), "mine"))
                .containsExactly("listening", "got a request");
    }

    @Test
    void theTailIsTheBase64OfTheLastFourKilobytesCutOnACharacter() {
        String tail = CallLog.tail(List.of("é".repeat(3000)));

        byte[] bytes = Base64.getDecoder().decode(tail);
        assertThat(bytes.length).isLessThanOrEqualTo(CallLog.LIMIT_BYTES);
        assertThat(new String(bytes, StandardCharsets.UTF_8)).matches("é+\n");
        assertThat(new String(Base64.getDecoder().decode(CallLog.tail(List.of("a", "b"))), StandardCharsets.UTF_8))
                .isEqualTo("a\nb\n");
    }
}
