package dev.sluice.runtime.java.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runtime's HTTP/1.1 server over raw sockets: framing both ways, keep-alive, refusals, limits. */
class SocketServerTest {
    private static final int IDLE_MILLIS = 2_000;

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private SocketServer server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void requestsOnOneConnectionAreAnsweredInOrderWithTheirBodies() throws IOException {
        start(2, new Echo());

        try (Socket socket = connect()) {
            // Two requests in one write: the second is read from what the first read brought.
            send(
                    socket,
                    "POST /a?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello"
                            + "POST /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nbye");

            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 OK\r\n").endsWith("\r\n\r\nPOST /a?x=1 hello");
            assertThat(readResponse(socket)).endsWith("\r\n\r\nPOST /b bye");
        }
    }

    @Test
    void aChunkedBodyIsDecodedWithExtensionsAndTrailersDropped() throws IOException {
        start(2, new Echo());

        try (Socket socket = connect()) {
            String head = "POST /c HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n";
            String chunks = "5;ext=1\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Trailer: t\r\n\r\n";
            send(socket, head + chunks + "GET /next HTTP/1.1\r\n\r\n");

            assertThat(readResponse(socket)).endsWith("POST /c hello world");
            assertThat(readResponse(socket)).endsWith("GET /next ");
        }
    }

    @Test
    void aBodyFramedBothWaysIsReadAsChunkedAndTheConnectionClosedAfterIt() throws IOException {
        start(2, new Echo());

        try (Socket socket = connect()) {
            String head = "POST /both HTTP/1.1\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n";
            send(socket, head + "2\r\nok\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\n\r\n");

            String reply = readAll(socket);
            assertThat(reply).contains("Connection: close").endsWith("POST /both ok");
            assertThat(seen).containsExactly("/both");
        }
    }

    @Test
    void whatCannotBeReadSafelyIsRefusedWithTheReasonAndTheConnectionClosed() throws IOException {
        start(2, new Echo());

        assertThat(exchangeAll("GARBAGE\r\n\r\n")).startsWith("HTTP/1.1 400 ").contains("not an HTTP request line");
        assertThat(exchangeAll("GET / HTTP/2.0\r\n\r\n")).startsWith("HTTP/1.1 505 ");
        assertThat(exchangeAll("POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"))
                .startsWith("HTTP/1.1 501 ")
                .contains("only Transfer-Encoding: chunked");
        assertThat(exchangeAll("POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\nabcd"))
                .startsWith("HTTP/1.1 400 ")
                .contains("conflicting Content-Length");
        assertThat(exchangeAll("GET / HTTP/1.1\r\nX-Folded: a\r\n b\r\n\r\n")).startsWith("HTTP/1.1 400 ");
        assertThat(exchangeAll("GET / HTTP/1.1\r\nX-Long: " + "a".repeat(RequestHead.MAX_LINE) + "\r\n\r\n"))
                .startsWith("HTTP/1.1 431 ");
        assertThat(seen).isEmpty();
    }

    @Test
    void theResponseIsFramedAsTheHandlerAsked() throws IOException {
        start(2, new Framed());

        assertThat(exchangeAll("GET /fixed HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .containsIgnoringCase("Content-Length: 5\r\n")
                .endsWith("\r\n\r\nfixed");
        assertThat(exchangeAll("GET /chunked HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .containsIgnoringCase("Transfer-Encoding: chunked\r\n")
                .endsWith("\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        assertThat(exchangeAll("GET /none HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 202 Accepted\r\n")
                .containsIgnoringCase("Content-Length: 0\r\n")
                .endsWith("\r\n\r\n");
        assertThat(exchangeAll("HEAD /fixed HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .doesNotContainIgnoringCase("Content-Length")
                .endsWith("\r\n\r\n");
        assertThat(exchangeAll("GET /empty HTTP/1.1\r\nConnection: close\r\n\r\n"))
                .startsWith("HTTP/1.1 204 No Content\r\n")
                .doesNotContainIgnoringCase("Content-Length");
    }

    @Test
    void aBodyTheHandlerLeftUnreadIsSkippedWhenSmallAndClosesTheConnectionWhenLarge() throws IOException {
        start(2, new Ignoring());

        try (Socket socket = connect()) {
            send(socket, "POST /small HTTP/1.1\r\nContent-Length: 10\r\n\r\n0123456789GET /after HTTP/1.1\r\n\r\n");
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");
            assertThat(readResponse(socket)).startsWith("HTTP/1.1 200 ");
        }
        try (Socket socket = connect()) {
            send(socket, "POST /large HTTP/1.1\r\nContent-Length: 10000000\r\n\r\n" + "x".repeat(200_000));
            assertThat(readAll(socket)).startsWith("HTTP/1.1 200 ");
        }
        assertThat(seen).containsExactly("/small", "/after", "/large");
    }

    @Test
    void expectContinueIsAnsweredBeforeTheBodyIsRead() throws IOException {
        start(2, new Echo());

        try (Socket socket = connect()) {
            send(socket, "POST /e HTTP/1.1\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
            assertThat(readResponse(socket)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
            send(socket, "ok");
            assertThat(readResponse(socket)).endsWith("POST /e ok");
        }
    }

    @Test
    void connectionsBeyondTheLimitWaitUntilOneCloses() throws IOException {
        start(1, new Echo());

        Socket first = connect();
        try (Socket second = connect()) {
            send(first, "GET /first HTTP/1.1\r\n\r\n");
            assertThat(readResponse(first)).endsWith("GET /first ");
            send(second, "GET /second HTTP/1.1\r\n\r\n");
            second.setSoTimeout(300);
            assertThat(readOrTimeout(second))
                    .as("no thread serves the second connection yet")
                    .isNull();

            first.close();

            second.setSoTimeout(IDLE_MILLIS * 2);
            assertThat(readResponse(second)).endsWith("GET /second ");
        }
    }

    @Test
    void anIdleConnectionIsClosedAndCloseEndsOpenConnections() throws IOException {
        start(2, new Echo());

        try (Socket idle = connect()) {
            idle.setSoTimeout(IDLE_MILLIS * 3);
            assertThat(idle.getInputStream().read())
                    .as("closed by the server when idle")
                    .isEqualTo(-1);
        }
        try (Socket open = connect()) {
            send(open, "GET /x HTTP/1.1\r\n\r\n");
            readResponse(open);
            server.close();
            open.setSoTimeout(IDLE_MILLIS);
            assertThat(open.getInputStream().read()).as("closed by close()").isEqualTo(-1);
        }
    }

    private void start(int maxConnections, HttpHandler handler) throws IOException {
        server = SocketServer.start(0, 16, maxConnections, IDLE_MILLIS, handler, "test-worker");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), 2_000);
        socket.setSoTimeout(IDLE_MILLIS * 2);
        return socket;
    }

    private String exchangeAll(String request) throws IOException {
        try (Socket socket = connect()) {
            send(socket, request);
            return readAll(socket);
        }
    }

    private static void send(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads one response, framed by its Content-Length or chunks, or a 100 Continue. */
    private static String readResponse(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        while (!bytes.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            bytes.write(b);
        }
        String head = bytes.toString(StandardCharsets.ISO_8859_1);
        int at = head.toLowerCase(Locale.ROOT).indexOf("content-length: ");
        int length = at < 0 ? 0 : Integer.parseInt(head.substring(at + 16, head.indexOf("\r\n", at)));
        return head + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }

    private static String readAll(Socket socket) throws IOException {
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static String readOrTimeout(Socket socket) throws IOException {
        try {
            int b = socket.getInputStream().read();
            return b < 0 ? "" : String.valueOf((char) b);
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Answers "METHOD /path?query body", the body read to its end. */
    private final class Echo implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                seen.add(exchange.getRequestURI().getPath());
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                byte[] reply = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " " + body)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            }
        }
    }

    /** Answers by path: a fixed body, a chunked one, none (-1), 204. */
    private static final class Framed implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                switch (exchange.getRequestURI().getPath()) {
                    case "/fixed" -> {
                        exchange.sendResponseHeaders(200, 5);
                        exchange.getResponseBody().write("fixed".getBytes(StandardCharsets.US_ASCII));
                    }
                    case "/chunked" -> {
                        exchange.sendResponseHeaders(200, 0);
                        exchange.getResponseBody().write("abc".getBytes(StandardCharsets.US_ASCII));
                        exchange.getResponseBody().write("de".getBytes(StandardCharsets.US_ASCII));
                    }
                    case "/none" -> exchange.sendResponseHeaders(202, -1);
                    default -> exchange.sendResponseHeaders(204, -1);
                }
            }
        }
    }

    /** Answers 200 without reading the body. */
    private final class Ignoring implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                seen.add(exchange.getRequestURI().getPath());
                exchange.sendResponseHeaders(200, -1);
            }
        }
    }
}
