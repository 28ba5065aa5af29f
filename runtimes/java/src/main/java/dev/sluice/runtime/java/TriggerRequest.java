package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.ServletInputStream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code HttpServletRequest} of one HTTP-trigger call: the client's request as the platform passed it through.
 * Not thread-safe, like a container's request: one handler call uses it. Text (parameters, the reader) is decoded in
 * the request's character encoding, else UTF-8. Headers and the connection: see {@link TriggerRequestHeaders}.
 */
final class TriggerRequest extends TriggerRequestHeaders {
    private final String method;
    private final URI uri;
    private final String protocol;
    private final byte[] body;
    private final Map<String, Object> attributes = new HashMap<>();
    private @Nullable String characterEncoding;
    private @Nullable Map<String, String[]> parameters;
    private @Nullable ServletInputStream inputStream;
    private @Nullable BufferedReader reader;

    TriggerRequest(
            String method,
            URI uri,
            String protocol,
            Map<String, List<String>> requestHeaders,
            byte[] body,
            InetSocketAddress remote,
            InetSocketAddress local) {
        super(requestHeaders, remote, local);
        this.method = method;
        this.uri = uri;
        this.protocol = protocol;
        this.body = body;
        this.characterEncoding = HttpText.charset(getContentType());
    }

    static TriggerRequest of(HttpExchange exchange, byte[] body) {
        return new TriggerRequest(
                exchange.getRequestMethod(),
                exchange.getRequestURI(),
                exchange.getProtocol(),
                exchange.getRequestHeaders(),
                body,
                exchange.getRemoteAddress(),
                exchange.getLocalAddress());
    }

    @Override
    public String getMethod() {
        return method;
    }

    /** The path as the client sent it, still URL-encoded, as the servlet spec defines it. */
    @Override
    public String getRequestURI() {
        return uri.getRawPath() == null ? "/" : uri.getRawPath();
    }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(getScheme()).append("://").append(host()).append(getRequestURI());
    }

    /** The decoded path: with no servlet mapping, all of the path is path info. */
    @Override
    public String getPathInfo() {
        return uri.getPath() == null ? "/" : uri.getPath();
    }

    @Override
    public String getServletPath() {
        return "";
    }

    @Override
    public String getContextPath() {
        return "";
    }

    @Override
    public @Nullable String getQueryString() {
        return uri.getRawQuery();
    }

    @Override
    public String getProtocol() {
        return protocol;
    }

    @Override
    public String getScheme() {
        return "http";
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public @Nullable String getContentType() {
        return getHeader("content-type");
    }

    @Override
    public int getContentLength() {
        long length = getContentLengthLong();
        return length > Integer.MAX_VALUE ? -1 : (int) length;
    }

    /** The body's length, known exactly because the body was read in full; -1 (unknown) for none at all. */
    @Override
    public long getContentLengthLong() {
        return body.length == 0 && getHeader("content-length") == null ? -1 : body.length;
    }

    @Override
    public @Nullable String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override
    public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
        if (reader != null) {
            return; // the spec: no effect once the reader exists
        }
        charset(encoding);
        characterEncoding = encoding;
    }

    @Override
    public ServletInputStream getInputStream() {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        ServletInputStream stream = inputStream;
        if (stream == null) {
            stream = new ServletStreams.Input(body);
            inputStream = stream;
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
        if (inputStream != null) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        BufferedReader current = reader;
        if (current == null) {
            Charset charset = characterEncoding == null ? StandardCharsets.UTF_8 : charset(characterEncoding);
            current = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
            reader = current;
        }
        return current;
    }

    @Override
    public @Nullable String getParameter(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values[0];
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        String[] values = parameters().get(name);
        return values == null ? null : values.clone();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(parameters().keySet());
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        return Collections.unmodifiableMap(parameters());
    }

    @Override
    public @Nullable Object getAttribute(String name) {
        return attributes.get(name);
    }

    @Override
    public Enumeration<String> getAttributeNames() {
        return Collections.enumeration(new ArrayList<>(attributes.keySet()));
    }

    @Override
    public void setAttribute(String name, @Nullable Object value) {
        if (value == null) {
            attributes.remove(name); // the spec: setting null is removing
        } else {
            attributes.put(name, value);
        }
    }

    @Override
    public void removeAttribute(String name) {
        attributes.remove(name);
    }

    @Override
    public String toString() {
        String query = uri.getRawQuery();
        return "HttpServletRequest " + method + " " + getRequestURI() + (query == null ? "" : "?" + query);
    }

    /**
     * Query parameters first, then those of an {@code application/x-www-form-urlencoded} body (of any method: the
     * whole body is in memory, so reading it never takes it from {@link #getInputStream}).
     */
    private Map<String, String[]> parameters() {
        Map<String, String[]> parsed = parameters;
        if (parsed == null) {
            Charset charset = textCharset();
            Map<String, List<String>> values = new LinkedHashMap<>();
            UrlEncoded.parse(uri.getRawQuery(), charset, values);
            String contentType = getContentType();
            if (contentType != null
                    && HttpText.mediaType(contentType).equalsIgnoreCase("application/x-www-form-urlencoded")) {
                UrlEncoded.parse(new String(body, charset), charset, values);
            }
            parsed = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> entry : values.entrySet()) {
                parsed.put(entry.getKey(), entry.getValue().toArray(new String[0]));
            }
            parameters = parsed;
        }
        return parsed;
    }

    /** The request's encoding if it is one this JVM has, else UTF-8. */
    private Charset textCharset() {
        try {
            return characterEncoding == null ? StandardCharsets.UTF_8 : charset(characterEncoding);
        } catch (UnsupportedEncodingException unknown) {
            return StandardCharsets.UTF_8;
        }
    }

    private static Charset charset(String encoding) throws UnsupportedEncodingException {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(encoding);
        }
    }
}
