package dev.sluice.gateway.server;

import java.time.Duration;

/**
 * How many client connections the gateway serves at once, and how long it waits on them.
 *
 * @param maxConnections client connections served at once
 * @param reserve connections beyond {@code maxConnections} that are kept for the operator's paths ({@code /healthz},
 *     {@code /readyz}, {@code /metrics}, {@code /system/}), so that they answer while clients hold every other
 *     connection; beyond both, a new connection is closed at once
 * @param headerTimeout how long a request's head may take to arrive whole, counted from the connection's opening or
 *     from the first byte of the request
 * @param idleTimeout how long a kept-alive connection may wait for its next request
 */
public record GatewayLimits(int maxConnections, int reserve, Duration headerTimeout, Duration idleTimeout) {
    /** The most client connections served by default, however many files the process may open. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public static final int DEFAULT_RESERVE = 16;
    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Descriptors kept for everything but connections: the JVM's jars, the event loops' selectors, Docker's client. */
    static final int OTHER_FILES = 512;

    /** The defaults, for a process that may open plenty of files. */
    public static final GatewayLimits DEFAULT =
            new GatewayLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_RESERVE, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);

    public GatewayLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections: " + maxConnections + " (expected: >= 1)");
        }
        if (reserve < 0) {
            throw new IllegalArgumentException("reserve: " + reserve + " (expected: >= 0)");
        }
        if (headerTimeout.isNegative() || headerTimeout.isZero()) {
            throw new IllegalArgumentException("headerTimeout: " + headerTimeout + " (expected: > 0)");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout: " + idleTimeout + " (expected: > 0)");
        }
    }

    /**
     * Returns the default number of client connections for a process that may open {@code openFiles} files. Each
     * connection may need a second descriptor, for the connection to its instance while its call runs; {@link
     * #OTHER_FILES} are kept for the rest. For example:
     *
     * <pre>
     * open files 1,048,576 (a usual hard limit)  (1,048,576 - 512) / 2 - 16 = 524,016  -> 10,000 (the most)
     * open files    20,000                       (   20,000 - 512) / 2 - 16 =   9,728
     * open files     1,024                       (    1,024 - 512) / 2 - 16 =     240
     * open files       256                       below 64                           ->     64 (the least)
     * </pre>
     */
    public static int maxConnectionsFor(long openFiles) {
        long fit = (openFiles - OTHER_FILES) / 2 - DEFAULT_RESERVE;
        return (int) Math.max(64, Math.min(DEFAULT_MAX_CONNECTIONS, fit));
    }

    /** Returns how many files the process needs open at most to serve these connections: the inverse of the above. */
    public long openFilesNeeded() {
        return 2L * (maxConnections + reserve) + OTHER_FILES;
    }

    /** Returns these limits with {@code maxConnections} in place of this one's. */
    public GatewayLimits withMaxConnections(int maxConnections) {
        return new GatewayLimits(maxConnections, reserve, headerTimeout, idleTimeout);
    }
}
