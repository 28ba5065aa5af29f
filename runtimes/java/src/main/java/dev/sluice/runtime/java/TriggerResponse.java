package dev.sluice.runtime.java;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import javax.servlet.ServletOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * The {@code HttpServletResponse} of one HTTP-trigger call. Everything is buffered and sent after the handler
 * returned ({@link #finish}): a handler that throws half-way must produce a clean function error, not half a
 * response. Not thread-safe, like a container's response.
 *
 * <p>As in a container: the response is committed by {@code flushBuffer}, {@code sendError} and
 * {@code sendRedirect}, after which status and header changes are ignored and resets throw; {@code getWriter} and
 * {@code getOutputStream} exclude each other. The writer's default encoding is UTF-8 (not the spec's ISO-8859-1:
 * what FC's runtime and every modern client assume), and it is added to the Content-Type once the writer is used.
 */
final class TriggerResponse extends TriggerResponseHeaders {
    private static final int DEFAULT_BUFFER_SIZE = 8192;

    private int status = SC_OK;
    private @Nullable String contentType; // without its charset parameter
    private @Nullable String characterEncoding; // set explicitly, else the writer uses UTF-8
    private @Nullable Locale locale;
    private final ServletStreams.Buffer body = new ServletStreams.Buffer();
    private @Nullable ServletOutputStream outputStream;
    private @Nullable PrintWriter writer;
    private boolean committed;
    private int bufferSize = DEFAULT_BUFFER_SIZE;

    @Override
    public void setStatus(int code) {
        if (!committed) {
            status = checkStatus(code);
        }
    }

    @Override
    @Deprecated // as in the interface, which still requires it
    @SuppressWarnings("InlineMeSuggester") // a servlet API method, not one of ours for callers to inline
    public void setStatus(int code, String message) {
        setStatus(code);
    }

    @Override
    public int getStatus() {
        return status;
    }

    @Override
    public void sendError(int code) {
        sendError(code, null);
    }

    /** Sets the status and answers {@code message} as plain text; the spec's HTML error page is a container's. */
    @Override
    public void sendError(int code, @Nullable String message) {
        requireNotCommitted("sendError");
        status = checkStatus(code);
        contentType = message == null ? null : "text/plain";
        characterEncoding = message == null ? characterEncoding : "UTF-8";
        body.closeWith(message == null ? new byte[0] : message.getBytes(StandardCharsets.UTF_8));
        committed = true;
    }

    /** Answers 302 with {@code Location: location}, as given (a relative reference is valid HTTP). */
    @Override
    public void sendRedirect(String location) {
        requireNotCommitted("sendRedirect");
        setHeader("Location", location);
        status = SC_FOUND;
        body.closeWith(new byte[0]);
        committed = true;
    }

    @Override
    public void setContentType(@Nullable String type) {
        if (committed) {
            return;
        }
        if (type == null) {
            contentType = null;
            return;
        }
        contentType = HttpText.withoutCharset(type);
        String charset = HttpText.charset(type);
        if (charset != null && writer == null) {
            characterEncoding = charset; // the spec: once the writer exists, its encoding no longer changes
        }
    }

    /** The Content-Type, with a charset once one was chosen: set explicitly, or the writer's. */
    @Override
    public @Nullable String getContentType() {
        if (contentType == null) {
            return null;
        }
        return characterEncoding != null || writer != null
                ? contentType + ";charset=" + getCharacterEncoding()
                : contentType;
    }

    @Override
    public void setCharacterEncoding(@Nullable String encoding) {
        if (!committed && writer == null) {
            characterEncoding = encoding;
        }
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding == null ? "UTF-8" : characterEncoding;
    }

    @Override
    public void setContentLength(int length) {
        setContentLengthLong(length);
    }

    /** Recorded as a header for {@code getHeader}; what is sent is the body's actual length. */
    @Override
    public void setContentLengthLong(long length) {
        putHeader("Content-Length", Long.toString(length), false);
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() has already been called for this response");
        }
        ServletOutputStream stream = outputStream;
        if (stream == null) {
            stream = new ServletStreams.Output(body);
            outputStream = stream;
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws UnsupportedEncodingException {
        if (outputStream != null) {
            throw new IllegalStateException("getOutputStream() has already been called for this response");
        }
        PrintWriter current = writer;
        if (current == null) {
            current = new PrintWriter(new OutputStreamWriter(body, charset(getCharacterEncoding())), false);
            writer = current;
        }
        return current;
    }

    /** Commits the response. Nothing is sent yet: the body goes out whole when the handler has returned. */
    @Override
    public void flushBuffer() {
        flushWriter();
        committed = true;
    }

    @Override
    public boolean isCommitted() {
        return committed;
    }

    @Override
    public void reset() {
        requireNotCommitted("reset");
        status = SC_OK;
        headerMap().clear();
        contentType = null;
        locale = null;
        if (writer == null) {
            characterEncoding = null;
        }
        resetBuffer();
    }

    @Override
    public void resetBuffer() {
        requireNotCommitted("resetBuffer");
        flushWriter(); // what the writer still holds belongs to the content being discarded
        body.reset();
    }

    /** Only recorded: the whole body is buffered whatever its size, so there is no smaller buffer to set. */
    @Override
    public void setBufferSize(int size) {
        if (committed || body.size() > 0) {
            throw new IllegalStateException("setBufferSize() after content was written");
        }
        bufferSize = size;
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public void setLocale(@Nullable Locale newLocale) {
        if (!committed && newLocale != null) {
            locale = newLocale;
            putHeader("Content-Language", newLocale.toLanguageTag(), false);
        }
    }

    @Override
    public Locale getLocale() {
        return locale == null ? Locale.ENGLISH : locale;
    }

    /** Ends the call: returns the reply to send, with the body as the handler left it. */
    HttpReply finish() {
        flushWriter();
        return new HttpReply(status, headerMap(), getContentType(), body.toByteArray());
    }

    private void flushWriter() {
        if (writer != null) {
            writer.flush();
        }
    }

    private void requireNotCommitted(String method) {
        if (committed) {
            throw new IllegalStateException(method + "() after the response was committed");
        }
    }

    /** 200-999: a 1xx status cannot end a response, and the client would wait for the real one. */
    private static int checkStatus(int code) {
        if (code < 200 || code > 999) {
            throw new IllegalArgumentException("status " + code + " cannot end an HTTP response (expected 200-999)");
        }
        return code;
    }

    private static Charset charset(String encoding) throws UnsupportedEncodingException {
        try {
            return Charset.forName(encoding);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnsupportedEncodingException(encoding);
        }
    }
}
