package dev.sluice.scheduler.runtime;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Whether this host reaches containers at their own addresses on the engine's bridge networks, decided once per
 * engine at its first container. On a Linux host it does, and calls skip the engine's port proxy (a published port
 * costs a proxy process in the path: a quarter of the latency of a call to a no-op function); under Docker Desktop or
 * a rootless engine the bridges live elsewhere, and calls go to the published port on 127.0.0.1.
 */
final class ContainerAddresses {
    /** Long enough for a loopback-like answer, short enough that a launch on an unroutable engine barely waits. */
    private static final int PROBE_MILLIS = 300;

    private final Predicate<InetSocketAddress> answers;
    private volatile @Nullable Boolean direct;

    ContainerAddresses() {
        this(ContainerAddresses::answers);
    }

    /** @param answers whether something answers at an address (see {@link #answers(InetSocketAddress)}) */
    ContainerAddresses(Predicate<InetSocketAddress> answers) {
        this.answers = answers;
    }

    /** Returns {@code ip} if this host reaches containers at their own addresses, else null. */
    @Nullable
    String reachable(@Nullable String ip, int port) {
        if (ip == null) {
            return null;
        }
        Boolean known = direct;
        if (known == null) {
            known = answers.test(new InetSocketAddress(ip, port));
            direct = known;
        }
        return known ? ip : null;
    }

    /**
     * Returns whether something at {@code address} answers: a connection made, or refused (the container's process
     * may not listen yet; a refusal still proves the route). No answer, or no route, means the address is not ours
     * to use.
     */
    static boolean answers(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            socket.connect(address, PROBE_MILLIS);
            return true;
        } catch (ConnectException e) {
            return String.valueOf(e.getMessage()).contains("refused");
        } catch (IOException e) {
            return false;
        }
    }
}
