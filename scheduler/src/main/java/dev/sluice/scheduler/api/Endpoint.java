package dev.sluice.scheduler.api;

import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a container's port is reached: {@code host:port} is the port published on the loopback interface, for
 * tools on this machine; {@code internalIp} is the container's address on its bridge network when the host can route
 * to it. Calls go to the container's own address when there is one ({@link #callAddress}): no engine proxy on the
 * path, and an exact readiness probe (a published port accepts connections through the engine's proxy even before
 * the process in the container listens); else to the published port. Where calls go is worked out once, here, not
 * on each call.
 */
public final class Endpoint {
    private final String host;
    private final int port;
    private final @Nullable String internalIp;
    private final int containerPort;
    private final InetSocketAddress callAddress;
    private final String callAuthority;

    public Endpoint(String host, int port, @Nullable String internalIp, int containerPort) {
        this.host = host;
        this.port = port;
        this.internalIp = internalIp;
        this.containerPort = containerPort;
        String callHost = internalIp != null ? internalIp : host;
        int callPort = internalIp != null ? containerPort : port;
        this.callAddress = new InetSocketAddress(callHost, callPort);
        this.callAuthority = callHost + ":" + callPort;
    }

    /** Returns the host of the published port, {@code 127.0.0.1}. */
    public String host() {
        return host;
    }

    /** Returns the published port. */
    public int port() {
        return port;
    }

    /** Returns the container's own address when this host reaches it, else null. */
    public @Nullable String internalIp() {
        return internalIp;
    }

    /** Returns the port the process listens on inside the container. */
    public int containerPort() {
        return containerPort;
    }

    /** Returns {@code host:port}, the published port. */
    public String authority() {
        return host + ":" + port;
    }

    /** Returns where calls go: the container's own address and port when there is one, else the published port. */
    public InetSocketAddress callAddress() {
        return callAddress;
    }

    /** Returns {@link #callAddress} as {@code host:port}. */
    public String callAuthority() {
        return callAuthority;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof Endpoint that
                && host.equals(that.host)
                && port == that.port
                && Objects.equals(internalIp, that.internalIp)
                && containerPort == that.containerPort;
    }

    @Override
    public int hashCode() {
        return Objects.hash(host, port, internalIp, containerPort);
    }

    @Override
    public String toString() {
        return "Endpoint[" + authority() + ", calls to " + callAuthority + "]";
    }
}
