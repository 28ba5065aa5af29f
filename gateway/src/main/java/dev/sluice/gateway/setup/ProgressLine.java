package dev.sluice.gateway.setup;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One line that says what a long step is doing and for how long, redrawn every second on a terminal ({@code
 * installing docker.io: 40% Unpacking runc (23 s)}); elsewhere (a CI log) only the step's first and last line are
 * printed. {@link #stop} (or {@link #close}) ends the redrawing; the caller then prints how the step ended.
 */
public final class ProgressLine implements AutoCloseable {
    private final SetupOutput out;
    private final String label;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService ticker;
    private volatile String detail = "";

    private ProgressLine(SetupOutput out, String label) {
        this.out = out;
        this.label = label;
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sluice-progress");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the line for a step called {@code label}, e.g. "building the java17 runtime image". */
    public static ProgressLine start(SetupOutput out, String label) {
        ProgressLine line = new ProgressLine(out, label);
        if (!out.progress(label + "...")) {
            out.say(label + "...");
        }
        var unused = line.ticker.scheduleAtFixedRate(line::draw, 1, 1, TimeUnit.SECONDS);
        return line;
    }

    /** Sets what the step is doing now, shown after the label. */
    public void detail(String text) {
        detail = text;
        draw();
    }

    /** Returns the seconds since the step started, with one decimal, e.g. {@code 12.3 s}. */
    public String elapsed() {
        long tenths = (System.nanoTime() - startNanos) / 100_000_000L;
        return tenths / 10 + "." + tenths % 10 + " s";
    }

    /** Returns the whole milliseconds since the step started. */
    public long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000L;
    }

    private void draw() {
        String text = detail.isEmpty() ? label : label + ": " + detail;
        out.progress(text + " (" + (System.nanoTime() - startNanos) / 1_000_000_000L + " s)");
    }

    /** Ends the line: no more redrawing; on a terminal the next line printed replaces it. */
    @Override
    public void close() {
        stop();
    }

    /** Stops redrawing, before the caller prints how the step ended. */
    public void stop() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
