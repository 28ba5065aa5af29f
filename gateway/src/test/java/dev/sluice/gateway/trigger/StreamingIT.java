package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.LocalSluice;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP-trigger bodies stream through the gateway both ways. The function is a custom container whose server shows
 * it: it answers in pieces, waiting between them for a signal only the test can send, and echoes a request's pieces
 * as they come. A gateway that held whole bodies would never pass these tests (each wait is bounded).
 */
class StreamingIT {
    private static final String IMAGE = "sluice-test/stream:1";
    private static final int MIB = 1024 * 1024;

    /** The server, speaking FC's custom-container protocol with Node's core http module. */
    private static final String SERVER =
            """
            const http = require('http');
            const crypto = require('crypto');
            const held = [];
            http.createServer((req, res) => {
              if (req.url === '/initialize') return res.end();
              const url = new URL(req.url, 'http://x');
              switch (url.pathname) {
                case '/stream/hold':      // a first piece, the rest once /stream/release arrives
                  res.writeHead(200, { 'content-type': 'text/plain' });
                  res.write('first\\n');
                  held.push(res);
                  return;
                case '/stream/release':
                  held.splice(0).forEach((r) => r.end('last\\n'));
                  return res.end('released');
                case '/stream/echo':      // each piece of the request back as it arrives
                  res.writeHead(200, { 'content-type': 'application/octet-stream' });
                  req.on('data', (c) => res.write(c));
                  req.on('end', () => res.end());
                  return;
                case '/stream/digest': {  // the size and SHA-256 of the request body
                  const hash = crypto.createHash('sha256');
                  let size = 0;
                  req.on('data', (c) => { size += c.length; hash.update(c); });
                  req.on('end', () => res.end(size + ' ' + hash.digest('hex')));
                  return;
                }
                case '/stream/big': {     // n MiB of bytes i % 251, of no announced length
                  let left = Number(url.searchParams.get('mib')) * 1024 * 1024;
                  let offset = 0;
                  res.writeHead(200, { 'content-type': 'application/octet-stream' });
                  const more = () => {
                    while (left > 0) {
                      const piece = Buffer.alloc(Math.min(left, 65536));
                      for (let i = 0; i < piece.length; i++) piece[i] = (offset + i) % 251;
                      offset += piece.length;
                      left -= piece.length;
                      if (!res.write(piece)) return res.once('drain', more);
                    }
                    res.end();
                  };
                  return more();
                }
                case '/stream/crash':     // dies half way through its answer
                  res.writeHead(200, { 'content-type': 'text/plain' });
                  res.write('partial\\n');
                  return setTimeout(() => process.exit(3), 100);
                case '/stream/silent':    // never answers
                  return;
                default:
                  res.end('up');
              }
            }).listen(9000, '0.0.0.0');
            """;

    @TempDir
    static Path dir;

    private static LocalSluice sluice;

    @BeforeAll
    static void deploy() throws Exception {
        DockerContainerRuntime docker = DockerEngine.connectOrSkip();
        String base = RuntimeImages.fromRunningJdk(docker).ensure("nodejs20");
        Path build = Files.createDirectories(dir.resolve("image"));
        Files.writeString(build.resolve("server.js"), SERVER);
        Files.writeString(
                build.resolve("Dockerfile"),
                "FROM " + base
                        + "\nCOPY server.js /app/server.js\nENTRYPOINT [\"/usr/bin/node\", \"/app/server.js\"]\n");
        docker.buildImage(build, IMAGE);
        sluice = LocalSluice.deploy(
                """
                functions:
                  stream:
                    runtime: custom-container
                    image: IMAGE
                    instanceConcurrency: 8
                    maxInstances: 1
                    timeout: 8s
                    triggers:
                      - http: { path: /stream, methods: [GET, POST, HEAD] }
                """
                        .replace("IMAGE", IMAGE),
                dir);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (sluice != null) {
            assertThat(sluice.closeAndRemaining()).isEmpty();
        }
    }

    @Test
    void theResponseArrivesPieceByPieceWhileTheFunctionIsStillWriting() throws Exception {
        HttpResponse<InputStream> held = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/stream/hold")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader body = new BufferedReader(new InputStreamReader(held.body(), StandardCharsets.UTF_8))) {
            // The function writes its last piece only after /stream/release, which the test sends after this line.
            assertThat(within(() -> body.readLine())).isEqualTo("first");

            assertThat(sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/stream/release"))
                                    .build())
                            .body())
                    .isEqualTo("released");
            assertThat(within(() -> body.readLine())).isEqualTo("last");
            assertThat(body.readLine()).isNull();
        }
        assertThat(held.statusCode()).isEqualTo(200);
        assertThat(held.headers().firstValue("X-Fc-Request-Id")).isPresent();
    }

    @Test
    void theRequestBodyReachesTheFunctionPieceByPieceAsTheClientSendsIt() throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), sluice.base().getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("POST /stream/echo HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            StringBuilder seen = new StringBuilder();
            for (String piece : new String[] {"ping-1", "ping-2", "ping-3"}) {
                // Each piece must come back before the next is sent: the request is far from complete.
                out.write(chunk(piece));
                out.flush();
                readUntil(in, seen, piece);
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            readUntil(in, seen, "0\r\n\r\n");
            assertThat(seen.toString())
                    .startsWith("HTTP/1.1 200 OK")
                    .containsIgnoringCase("transfer-encoding: chunked");
        }
    }

    @Test
    void aHeadRequestGetsTheHeadersAlone() throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), sluice.base().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write("HEAD /stream/up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answer)
                    .startsWith("HTTP/1.1 200 OK")
                    .contains("X-Fc-Request-Id")
                    .endsWith("\r\n\r\n");
            assertThat(answer.toLowerCase(Locale.ROOT)).doesNotContain("transfer-encoding");
        }
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), sluice.base().getPort())) {
            socket.setSoTimeout(30_000);
            String echo = "POST /stream/echo HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\n";
            // Sent in one write: the second and third requests are read while the first still streams.
            socket.getOutputStream()
                    .write((echo + "one!!" + echo + "two!!" + "GET /healthz HTTP/1.1\r\nHost: localhost\r\n"
                                    + "Connection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);

            assertThat(answers).containsSubsequence("HTTP/1.1 200", "one!!", "HTTP/1.1 200", "two!!", "\"ok\"");
        }
    }

    @Test
    void bodiesLargerThanAnyBufferPassWholeBothWays() throws Exception {
        byte[] upload = new byte[30 * MIB];
        new Random(7).nextBytes(upload);

        HttpResponse<String> digest =
                sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/stream/digest"))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(upload))
                        .build());
        HttpResponse<InputStream> big = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/stream/big?mib=48"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());

        assertThat(digest.body()).isEqualTo(upload.length + " " + sha256(upload));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        MessageDigest expected = MessageDigest.getInstance("SHA-256");
        long size = 0;
        byte[] buffer = new byte[65536];
        try (InputStream body = big.body()) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                received.update(buffer, 0, n);
                for (int i = 0; i < n; i++) {
                    expected.update((byte) ((size + i) % 251));
                }
                size += n;
            }
        }
        assertThat(size).isEqualTo(48L * MIB);
        assertThat(received.digest()).isEqualTo(expected.digest());
    }

    @Test
    void aBodyAnnouncedOverTheLimitIsRefusedBeforeItIsSent() throws Exception {
        try (Socket socket =
                new Socket(InetAddress.getLoopbackAddress(), sluice.base().getPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream()
                    .write(("POST /stream/digest HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + 40 * MIB
                                    + "\r\nExpect: 100-continue\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer)
                    .startsWith("HTTP/1.1 413")
                    .contains("RequestTooLarge")
                    .contains("larger than " + 32 * MIB + " bytes (" + 40 * MIB + " announced)");
        }
    }

    @Test
    void aFunctionThatDiesMidAnswerCutsTheResponseShortAndIsReplaced() throws Exception {
        assertThat(sluice.send(HttpRequest.newBuilder(sluice.base().resolve("/stream/up"))
                                .build())
                        .body())
                .isEqualTo("up");
        String before = sluice.instances("stream").get(0).id();

        Throwable cut = catchThrowable(() -> sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/stream/crash")).build()));

        // The status was 200 by the time it died: only a short body can tell the client, never a whole-looking one.
        assertThat(cut).isInstanceOf(IOException.class);
        HttpResponse<String> after = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/stream/up")).build());
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).isEqualTo("up");
        assertThat(sluice.instances("stream")).extracting(InstanceView::id).doesNotContain(before);
    }

    @Test
    void aFunctionThatNeverAnswersTimesOutWith504() throws Exception {
        HttpResponse<String> response = sluice.send(
                HttpRequest.newBuilder(sluice.base().resolve("/stream/silent")).build());

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.headers().firstValue("X-Fc-Error-Type")).hasValue("FunctionTimeout");
    }

    private interface Read {
        String line() throws IOException;
    }

    /** Reads a line, failing rather than hanging when it does not come within 30 s. */
    private static String within(Read read) throws Exception {
        return CompletableFuture.supplyAsync(() -> {
                    try {
                        return read.line();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .get(30, TimeUnit.SECONDS);
    }

    private static byte[] chunk(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return (Integer.toHexString(bytes.length) + "\r\n" + text + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads from {@code in} into {@code seen} until it contains {@code wanted}; the socket's timeout bounds it. */
    private static void readUntil(InputStream in, StringBuilder seen, String wanted) throws IOException {
        byte[] buffer = new byte[4096];
        int from = seen.length();
        while (seen.indexOf(wanted, from) < 0) {
            int n = in.read(buffer);
            if (n < 0) {
                throw new IOException("the connection closed before \"" + wanted + "\" came back; got: " + seen);
            }
            seen.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
