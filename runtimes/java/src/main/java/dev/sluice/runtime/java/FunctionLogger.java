package dev.sluice.runtime.java;

import com.aliyun.fc.runtime.FunctionComputeLogger;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@link FunctionComputeLogger} a function gets from its context: prints {@code <ISO time> <requestId> [LEVEL]
 * <message>} lines, one per call, to the container log.
 */
final class FunctionLogger implements FunctionComputeLogger {
    private final LogWriter writer;
    private final String requestId;
    /** Shared by every call in the container: FC's logger level is per instance, not per request. */
    private final AtomicReference<Level> threshold;

    FunctionLogger(LogWriter writer, String requestId, AtomicReference<Level> threshold) {
        this.writer = writer;
        this.requestId = requestId;
        this.threshold = threshold;
    }

    @Override
    public void trace(String message) {
        log(Level.TRACE, message);
    }

    @Override
    public void debug(String message) {
        log(Level.DEBUG, message);
    }

    @Override
    public void info(String message) {
        log(Level.INFO, message);
    }

    @Override
    public void warn(String message) {
        log(Level.WARN, message);
    }

    @Override
    public void error(String message) {
        log(Level.ERROR, message);
    }

    @Override
    public void fatal(String message) {
        log(Level.FATAL, message);
    }

    @Override
    public void setLogLevel(Level level) {
        if (level != null) {
            threshold.set(level);
        }
    }

    private void log(Level level, String message) {
        if (level.compareTo(threshold.get()) >= 0) {
            writer.line(Instant.now() + " " + requestId + " [" + level.name() + "] " + message);
        }
    }
}
