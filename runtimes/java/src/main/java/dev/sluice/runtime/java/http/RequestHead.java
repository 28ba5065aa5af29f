package dev.sluice.runtime.java.http;

import com.sun.net.httpserver.Headers;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A request's line and headers (RFC 9112 §3, §5) and what they say about the body and the connection. What cannot
 * be read safely is refused rather than guessed: a body whose length is unknown, a header folded over lines.
 */
record RequestHead(
        String method,
        URI uri,
        String protocol,
        Headers headers,
        long contentLength,
        boolean chunked,
        boolean keepAlive) {
    /** Longest request line or header line; the gateway's own limit on a client's head is 8 KB per line. */
    static final int MAX_LINE = 16 * 1024;

    private static final int MAX_HEADERS = 200;

    /** Reads the next request's head, or returns null when the connection ended between requests. */
    static @Nullable RequestHead read(WireInput in) throws IOException {
        String line = in.line(MAX_LINE);
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        while (line != null && line.isEmpty()) {
            line = in.line(MAX_LINE);
        }
        if (line == null) {
            return null;
        }
        int first = line.indexOf(' ');
        int last = line.lastIndexOf(' ');
        if (first <= 0 || last == first) {
            throw new RefusedRequest(400, "not an HTTP request line: " + quoted(line));
        }
        String method = line.substring(0, first);
        String target = line.substring(first + 1, last);
        String protocol = line.substring(last + 1);
        if (!protocol.equals("HTTP/1.1") && !protocol.equals("HTTP/1.0")) {
            throw new RefusedRequest(505, "this server speaks HTTP/1.1 and HTTP/1.0, not " + quoted(protocol));
        }
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            throw new RefusedRequest(400, "the request target is not a URI: " + e.getMessage());
        }
        Headers headers = readHeaders(in);
        long length = contentLength(headers);
        boolean chunked = chunked(headers);
        // Framed both ways, the body is read as chunked and the connection closed after it (RFC 9112 §6.3): what
        // follows could be a smuggled request to a reader that believed the length.
        boolean keepAlive = keepAlive(protocol, headers) && !(chunked && length >= 0);
        return new RequestHead(method, uri, protocol, headers, chunked ? -1 : length, chunked, keepAlive);
    }

    private static Headers readHeaders(WireInput in) throws IOException {
        Headers headers = new Headers();
        int count = 0;
        for (String line = in.line(MAX_LINE); ; line = in.line(MAX_LINE)) {
            if (line == null) {
                throw new RefusedRequest(400, "the connection ended inside the request head");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (++count > MAX_HEADERS) {
                throw new RefusedRequest(431, "more than " + MAX_HEADERS + " header lines");
            }
            char start = line.charAt(0);
            int colon = line.indexOf(':');
            if (start == ' ' || start == '\t' || colon <= 0) {
                throw new RefusedRequest(400, "not a header line (name: value, not folded): " + quoted(line));
            }
            headers.add(line.substring(0, colon), line.substring(colon + 1).strip());
        }
    }

    /** The body's length, -1 when Content-Length is absent; a bad or conflicting value is refused (RFC 9112 §6.3). */
    private static long contentLength(Headers headers) throws RefusedRequest {
        List<String> values = headers.get("Content-Length");
        if (values == null) {
            return -1;
        }
        long length = -1;
        for (String value : values) {
            for (String part : value.split(",", -1)) {
                long parsed = parseLength(part.strip());
                if (length >= 0 && parsed != length) {
                    throw new RefusedRequest(400, "conflicting Content-Length values: " + values);
                }
                length = parsed;
            }
        }
        return length;
    }

    private static long parseLength(String text) throws RefusedRequest {
        boolean digits = !text.isEmpty() && text.length() <= 18;
        for (int i = 0; digits && i < text.length(); i++) {
            digits = text.charAt(i) >= '0' && text.charAt(i) <= '9';
        }
        if (!digits) {
            throw new RefusedRequest(400, "Content-Length is not a length: " + quoted(text));
        }
        return Long.parseLong(text);
    }

    /** Whether the body is chunked; any other transfer coding is not understood here (RFC 9112 §6.1). */
    private static boolean chunked(Headers headers) throws RefusedRequest {
        List<String> values = headers.get("Transfer-Encoding");
        if (values == null) {
            return false;
        }
        String codings = String.join(",", values).toLowerCase(Locale.ROOT).replace(" ", "");
        if (!codings.equals("chunked")) {
            throw new RefusedRequest(
                    501, "this server decodes only Transfer-Encoding: chunked, not " + quoted(codings));
        }
        return true;
    }

    private static boolean keepAlive(String protocol, Headers headers) {
        String connection = headers.getFirst("Connection");
        String tokens = connection == null ? "" : connection.toLowerCase(Locale.ROOT);
        return protocol.equals("HTTP/1.1") ? !tokens.contains("close") : tokens.contains("keep-alive");
    }

    private static String quoted(String text) {
        return '"' + (text.length() > 100 ? text.substring(0, 100) + "..." : text) + '"';
    }
}
