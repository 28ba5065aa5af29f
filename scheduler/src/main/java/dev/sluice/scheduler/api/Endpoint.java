package dev.sluice.scheduler.api;

import org.jspecify.annotations.Nullable;

/**
 * Where a container's port is reached: {@code host:port} is the port published on the loopback interface, which
 * carries traffic; {@code internalIp} is the container's address on its bridge network when the host can route to
 * it, which makes an exact readiness probe possible (a published port accepts connections through the engine's
 * proxy even before the process in the container listens).
 */
public record Endpoint(String host, int port, @Nullable String internalIp, int containerPort) {

    /** Returns {@code host:port}. */
    public String authority() {
        return host + ":" + port;
    }
}
