package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * Where a container's port is reached: {@code host:port} is the port published on the loopback interface, for
 * tools on this machine; {@code internalIp} is the container's address on its bridge network when the host can route
 * to it. Calls go to the container's own address when there is one ({@link #callAuthority}): no engine proxy on the
 * path, and an exact readiness probe (a published port accepts connections through the engine's proxy even before
 * the process in the container listens); else to the published port.
 */
public record Endpoint(String host, int port, @Nullable String internalIp, int containerPort) {

    /** Returns {@code host:port}, the published port. */
    public String authority() {
        return host + ":" + port;
    }

    /** Returns the host calls go to: the container's own address when there is one, else the published port's. */
    public String callHost() {
        return internalIp != null ? internalIp : host;
    }

    /** Returns the port calls go to: the container's own port with its own address, else the published one. */
    public int callPort() {
        return internalIp != null ? containerPort : port;
    }

    /** Returns {@code callHost:callPort}, where calls go. */
    public String callAuthority() {
        return callHost() + ":" + callPort();
    }
}
