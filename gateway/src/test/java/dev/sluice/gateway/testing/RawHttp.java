package dev.sluice.gateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One client connection to the gateway spoken by hand, for what an HTTP client library would not do: pipelining,
 * conflicting framing, a head without its body, a head a byte at a time, a connection that sends nothing. Every read
 * gives up after 10 s, a bound for a broken gateway rather than a timing the tests rely on.
 */
public final class RawHttp implements AutoCloseable {
    private static final int BOUND_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(BOUND_MILLIS);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to the gateway on {@code port} of the loopback address. */
    public static RawHttp connect(int port) throws IOException {
        return new RawHttp(new Socket(InetAddress.getLoopbackAddress(), port));
    }

    /** Returns a request's head: {@code line} ("POST /invoke/echo"), {@code Host} and {@code headers}, in CRLFs. */
    public static String head(String line, String... headers) {
        StringBuilder head = new StringBuilder(line).append(" HTTP/1.1\r\nHost: sluice\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** Sends {@code text} as it is (CRLFs included), in one write. */
    public RawHttp send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return this;
    }

    /** Sends {@code count} zero bytes (a body), in writes of 64 KiB; blocks while the gateway does not read them. */
    public RawHttp sendZeros(long count) throws IOException {
        byte[] piece = new byte[64 * 1024];
        for (long left = count; left > 0; left -= piece.length) {
            out.write(piece, 0, (int) Math.min(left, piece.length));
        }
        out.flush();
        return this;
    }

    /** Reads one response (a {@code 100 Continue} counts as one), its body by its length or its chunks. */
    public Response read() throws IOException {
        Response head = readHead();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (head.status() >= 200 && "chunked".equalsIgnoreCase(head.header("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(), 16); size > 0; size = Integer.parseInt(line(), 16)) {
                body.write(in.readNBytes(size));
                line();
            }
            line();
        } else if (head.status() >= 200) {
            body.write(in.readNBytes(Integer.parseInt(head.headers().getOrDefault("content-length", "0"))));
        }
        return new Response(head.status(), head.headers(), body.toString(StandardCharsets.UTF_8));
    }

    /** Reads the head of a response, leaving its body unread (a stream that does not end, for one). */
    public Response readHead() throws IOException {
        String status = line();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.put(
                    line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        return new Response(Integer.parseInt(status.split(" ", 3)[1]), headers, "");
    }

    /** Returns whether the gateway closed the connection: reads (and drops) until the end of the stream. */
    public boolean isClosedByGateway() throws IOException {
        while (in.read() >= 0) {
            // whatever comes before the end is not what the caller asks about
        }
        return true;
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection ended in the middle of a response: \"" + line + "\"");
            }
            line.write(b);
        }
        return line.toString(StandardCharsets.US_ASCII).stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One response as it came. */
    public record Response(int status, Map<String, String> headers, String body) {
        /** Returns the header's value, or "" when it is absent. */
        public String header(String name) {
            return headers.getOrDefault(name, "");
        }

        /** Returns whether the response says the connection ends with it. */
        public boolean closes() {
            return header("connection").toLowerCase(Locale.ROOT).contains("close");
        }
    }
}
