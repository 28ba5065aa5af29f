package dev.sluice.runtime.java.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response on a {@link SocketServer} connection, behind the JDK's {@link HttpExchange} API so
 * that handlers written for the JDK server run unchanged. The response's framing follows the JDK server's rules: a
 * length of -1 is no body, 0 is a chunked body, and HEAD, 1xx, 204 and 304 responses never carry one.
 */
final class WireExchange extends HttpExchange {
    private final RequestHead head;
    private final ResponseOutput out;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;
    private final Headers responseHeaders = new Headers();
    private final Map<String, Object> attributes = new HashMap<>();
    private InputStream requestBody;
    private @Nullable ResponseBody responseBody;
    private @Nullable OutputStream responseStream;
    private int responseCode = -1;
    private boolean closed;

    WireExchange(
            RequestHead head,
            RequestBody requestBody,
            ResponseOutput out,
            InetSocketAddress remote,
            InetSocketAddress local) {
        this.head = head;
        this.requestBody = requestBody;
        this.out = out;
        this.remote = remote;
        this.local = local;
    }

    @Override
    public Headers getRequestHeaders() {
        return head.headers();
    }

    @Override
    public Headers getResponseHeaders() {
        return responseHeaders;
    }

    @Override
    public URI getRequestURI() {
        return head.uri();
    }

    @Override
    public String getRequestMethod() {
        return head.method();
    }

    /** There are no contexts: the server has one handler for every path. */
    @Override
    public HttpContext getHttpContext() {
        throw new UnsupportedOperationException("this server has one handler for every path and no contexts");
    }

    @Override
    public InputStream getRequestBody() {
        return requestBody;
    }

    @Override
    public OutputStream getResponseBody() {
        if (responseStream == null) {
            throw new IllegalStateException("sendResponseHeaders must come before getResponseBody");
        }
        return responseStream;
    }

    @Override
    public void sendResponseHeaders(int code, long length) throws IOException {
        if (responseCode >= 0) {
            throw new IOException("the response headers were already sent (status " + responseCode + ")");
        }
        responseCode = code;
        boolean noBodyAllowed = code < 200 || code == 204 || code == 304;
        boolean head = "HEAD".equalsIgnoreCase(this.head.method());
        StringBuilder text = new StringBuilder(256)
                .append("HTTP/1.1 ")
                .append(code)
                .append(' ')
                .append(Reasons.of(code))
                .append("\r\nDate: ")
                .append(HttpDate.now());
        ResponseBody body;
        if (head || noBodyAllowed) {
            body = ResponseBody.fixed(out, 0); // the handler's own Content-Length, if any, stays as it set it
        } else if (length == 0) {
            responseHeaders.set("Transfer-Encoding", "chunked");
            body = ResponseBody.chunked(out);
        } else {
            long declared = Math.max(length, 0);
            responseHeaders.set("Content-Length", Long.toString(declared));
            body = ResponseBody.fixed(out, declared);
        }
        if (!keepsConnection()) {
            responseHeaders.set("Connection", "close");
        }
        for (Map.Entry<String, List<String>> header : responseHeaders.entrySet()) {
            for (String value : header.getValue()) {
                text.append("\r\n").append(header.getKey()).append(": ").append(value);
            }
        }
        byte[] bytes = text.append("\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes, 0, bytes.length);
        responseBody = body;
        responseStream = body;
    }

    @Override
    public InetSocketAddress getRemoteAddress() {
        return remote;
    }

    @Override
    public int getResponseCode() {
        return responseCode;
    }

    @Override
    public InetSocketAddress getLocalAddress() {
        return local;
    }

    @Override
    public String getProtocol() {
        return head.protocol();
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            attributes.remove(name);
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void setStreams(@Nullable InputStream in, @Nullable OutputStream responseOut) {
        if (in != null) {
            requestBody = in;
        }
        if (responseOut != null) {
            responseStream = responseOut;
        }
    }

    @Override
    public @Nullable HttpPrincipal getPrincipal() {
        return null;
    }

    /** Ends the response: closes its body and sends what is held. Closing twice does nothing more. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (responseBody != null) {
                responseBody.close();
            }
            out.send();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the connection can carry another request once this exchange is closed. */
    boolean finishedCleanly() {
        return closed && responseBody != null && responseBody.complete() && keepsConnection();
    }

    private boolean keepsConnection() {
        return head.keepAlive();
    }
}
