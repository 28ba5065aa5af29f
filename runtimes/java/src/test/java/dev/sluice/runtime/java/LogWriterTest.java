package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogWriterTest {
    private final Sink sink = new Sink();
    /** The flushes the writer asked to have run a moment later, run here by hand. */
    private final List<Runnable> later = new ArrayList<>();

    private final PrintStream stream = LogWriter.held(sink, later::add);
    private final LogWriter log = new LogWriter(stream);

    @Test
    void aCallsLinesLeaveInOneWriteWhenItEnds() {
        log.line("FC Invoke Start RequestId: a");
        log.line("2026-12-06T05:00:00Z a [INFO] working");
        assertThat(sink.text()).isEmpty();

        log.endLine("FC Invoke End RequestId: a");

        assertThat(sink.text())
                .isEqualTo(
                        """
                        FC Invoke Start RequestId: a
                        2026-12-06T05:00:00Z a [INFO] working
                        FC Invoke End RequestId: a
                        """);
        assertThat(sink.writes).isEqualTo(1);
    }

    @Test
    void outputNoCallEndFollowsLeavesWithTheOneFlushItAskedFor() {
        log.line("FC Java runtime listening on 0.0.0.0:9000");
        stream.print("printed by the function between calls\n"); // System.out is this stream

        assertThat(later).hasSize(1);
        later.get(0).run();

        assertThat(sink.text())
                .isEqualTo("FC Java runtime listening on 0.0.0.0:9000\nprinted by the function between calls\n");
        assertThat(sink.writes).isEqualTo(1);
    }

    @Test
    void afterAFlushTheNextLineAsksForAnotherAndAFlushWithNothingHeldWritesNothing() {
        log.line("FC Invoke Start RequestId: b");
        log.endLine("FC Invoke End RequestId: b");
        later.get(0).run(); // asked for by the start marker; the end marker has written everything since

        log.line("later");

        assertThat(sink.writes).isEqualTo(1);
        assertThat(later).hasSize(2);
        later.get(1).run();
        assertThat(sink.writes).isEqualTo(2);
        assertThat(sink.text()).endsWith("FC Invoke End RequestId: b\nlater\n");
    }

    /** Stdout as the engine sees it: counts the writes. */
    private static final class Sink extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int writes;

        @Override
        public void write(int b) {
            writes++;
            bytes.write(b);
        }

        @Override
        public void write(byte[] b, int offset, int length) {
            writes++;
            bytes.write(b, offset, length);
        }

        String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
