package dev.sluice.gateway.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Keeps the gateway's client connections within {@link GatewayLimits}, on the server channel, as each is accepted:
 *
 * <ol>
 *   <li>Up to {@code maxConnections}, a new connection is served like any other.
 *   <li>Beyond, up to {@code reserve} more are admitted as reserve connections. Each serves one request, and only on
 *       the operator's paths; anything else is answered {@code 503 TooManyConnections} ({@link HeadChecks}). When the
 *       reserve is full, the reserve connection that has waited longest without sending a request is closed to make
 *       room, so that a client that asks at once (a health check) gets in even while idle connections crowd the
 *       reserve.
 *   <li>When every reserve connection has a request in progress, the new connection is closed at once.
 * </ol>
 *
 * <p>The first connection beyond the limit is said at once in a line to {@code notices}; later ones are counted and
 * said once a second while they go on, so that a flood of connections costs a line a second.
 *
 * <p>Threads: admitting, the reserve's order and the lines belong to the accepting thread (the server channel's event
 * loop); a place is given back on whichever thread closes its connection, hence the atomic counts.
 */
final class ConnectionLimit extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Slot> SLOT = AttributeKey.valueOf("sluice.connection-slot");

    private final GatewayLimits limits;
    private final Consumer<String> notices;
    /** Connections open as ordinary ones: at most {@code maxConnections}. */
    private final AtomicInteger served = new AtomicInteger();
    /** Connections open as reserve ones: at most {@code reserve}. */
    private final AtomicInteger reserved = new AtomicInteger();
    /** The reserve connections, oldest first; those given back are dropped as they are met. */
    private final ArrayDeque<Slot> reserve = new ArrayDeque<>();
    /** Connections beyond the limit since the last line; -1 when no line was said within the last second. */
    private int beyond = -1;

    ConnectionLimit(GatewayLimits limits, Consumer<String> notices) {
        this.limits = limits;
        this.notices = notices;
    }

    /** Returns the place of {@code channel} in the count, or null for a channel this did not admit. */
    static @Nullable Slot slotOf(Channel channel) {
        return channel.attr(SLOT).get();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        Channel child = (Channel) message;
        Slot slot = admit(child);
        if (slot == null) {
            child.unsafe().closeForcibly(); // not registered yet: nothing else to undo
        } else {
            child.attr(SLOT).set(slot);
            child.closeFuture().addListener(closed -> slot.free());
            ctx.fireChannelRead(child);
        }
        if (slot == null || slot.isReserve()) {
            beyondLimit(ctx);
        }
    }

    private @Nullable Slot admit(Channel child) {
        // Only this thread adds to the counts, so a count read here can only fall before the add.
        if (served.get() < limits.maxConnections()) {
            served.incrementAndGet();
            return new Slot(child, served, false);
        }
        reserve.removeIf(Slot::isFree);
        if (reserved.get() >= limits.reserve()) {
            Slot waiting = longestWaiting();
            if (waiting == null) {
                return null;
            }
            waiting.free();
            waiting.channel.close();
        }
        reserved.incrementAndGet();
        Slot slot = new Slot(child, reserved, true);
        reserve.add(slot);
        return slot;
    }

    /** Takes out and returns the reserve connection that has waited longest without a request, or null. */
    private @Nullable Slot longestWaiting() {
        for (Iterator<Slot> slots = reserve.iterator(); slots.hasNext(); ) {
            Slot slot = slots.next();
            if (!slot.hasAsked()) {
                slots.remove();
                return slot;
            }
        }
        return null;
    }

    private void beyondLimit(ChannelHandlerContext ctx) {
        if (beyond >= 0) {
            beyond++;
            return;
        }
        beyond = 0;
        notices.accept("too many client connections: " + served.get() + " are open, the most served at once (raise"
                + " it with sluice up --max-connections); new ones get 503 TooManyConnections, except for /healthz,"
                + " /readyz, /metrics and /system/");
        ctx.executor().schedule(() -> report(ctx), 1, TimeUnit.SECONDS);
    }

    private void report(ChannelHandlerContext ctx) {
        if (beyond == 0) {
            beyond = -1;
            return;
        }
        notices.accept("too many client connections: " + beyond + " more beyond the limit of " + limits.maxConnections()
                + " in the last second");
        beyond = 0;
        ctx.executor().schedule(() -> report(ctx), 1, TimeUnit.SECONDS);
    }

    /** One admitted connection's place in the count. */
    static final class Slot {
        private final Channel channel;
        private final AtomicInteger count;
        private final boolean reserve;
        private final AtomicBoolean freed = new AtomicBoolean();
        /** The connection has sent a request's head: as a reserve connection it no longer waits idle. */
        private volatile boolean asked;

        Slot(Channel channel, AtomicInteger count, boolean reserve) {
            this.channel = channel;
            this.count = count;
            this.reserve = reserve;
        }

        /** Returns whether the connection was admitted beyond the limit, for the operator's paths only. */
        boolean isReserve() {
            return reserve;
        }

        /** Notes that the connection sent a request's head. */
        void asked() {
            asked = true;
        }

        boolean hasAsked() {
            return asked;
        }

        boolean isFree() {
            return freed.get();
        }

        /**
         * Gives the place back, once. Also called just before the gateway closes a connection itself, so that the
         * place is free by the time the client sees the connection end.
         */
        void free() {
            if (freed.compareAndSet(false, true)) {
                count.decrementAndGet();
            }
        }
    }
}
