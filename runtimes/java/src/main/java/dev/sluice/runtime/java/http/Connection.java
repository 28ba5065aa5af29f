package dev.sluice.runtime.java.http;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client connection, served by one thread from its first request to its close: read a head, hand the exchange
 * to the handler on this same thread, send the reply, read the next. No hand-over between threads and no selector:
 * a request costs one read and one write when it and its reply fit the buffers.
 */
final class Connection {
    private static final int BUFFER = 16 * 1024;
    /** What is read and dropped of a body the handler left unread, to keep the connection; beyond it, it closes. */
    private static final long SKIP_LIMIT = 64 * 1024;
    /** How long and how much a closing connection reads on after its last reply; see {@link #closeInStages}. */
    private static final int LINGER_MILLIS = 2_000;

    private static final long LINGER_BYTES = 1024 * 1024;

    private final Socket socket;
    private final HttpHandler handler;

    Connection(Socket socket, HttpHandler handler) {
        this.socket = socket;
        this.handler = handler;
    }

    /** Serves requests until the peer closes, {@code idleMillis} pass without a byte, or the protocol breaks. */
    void run(int idleMillis) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(idleMillis);
            if (!serve()) {
                closeInStages();
            }
        } catch (IOException | UncheckedIOException e) {
            // The peer went away, timed out idle or broke the protocol: the connection is over either way.
        }
    }

    /** Closes the socket, which ends a read or write in progress on the serving thread. */
    void abort() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    /**
     * Closing with the peer's bytes unread makes the kernel reset the connection, and a reset can destroy the reply
     * still on its way (RFC 9112 §9.6). So the server's side is shut first, and what the peer still sends is read
     * and dropped until it closes too, briefly and boundedly.
     */
    private void closeInStages() throws IOException {
        socket.shutdownOutput();
        socket.setSoTimeout(LINGER_MILLIS);
        InputStream in = socket.getInputStream();
        byte[] scratch = new byte[8192];
        long dropped = 0;
        while (dropped < LINGER_BYTES) {
            int count = in.read(scratch);
            if (count < 0) {
                return;
            }
            dropped += count;
        }
    }

    /** Serves requests; returns true when the peer ended the connection, false when this side ends it. */
    private boolean serve() throws IOException {
        WireInput in = new WireInput(socket.getInputStream(), BUFFER);
        ResponseOutput out = new ResponseOutput(socket.getOutputStream(), BUFFER);
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        InetSocketAddress local = (InetSocketAddress) socket.getLocalSocketAddress();
        while (true) {
            RequestHead head;
            try {
                head = RequestHead.read(in);
            } catch (RefusedRequest refused) {
                refuse(out, refused);
                return false;
            }
            if (head == null) {
                return true;
            }
            if ("100-continue".equalsIgnoreCase(head.headers().getFirst("Expect"))) {
                byte[] proceed = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                out.write(proceed, 0, proceed.length);
                out.send();
            }
            RequestBody body = RequestBody.of(head, in);
            WireExchange exchange = new WireExchange(head, body, out, remote, local);
            handler.handle(exchange);
            exchange.close();
            if (!exchange.finishedCleanly() || !body.skipRest(SKIP_LIMIT)) {
                return false;
            }
        }
    }

    private static void refuse(ResponseOutput out, RefusedRequest refused) throws IOException {
        byte[] message = (refused.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + refused.status() + " " + Reasons.of(refused.status())
                + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: " + message.length
                + "\r\nConnection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        out.write(headBytes, 0, headBytes.length);
        out.write(message, 0, message.length);
        out.send();
    }
}
