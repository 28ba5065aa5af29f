package example.todo;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.ReadListener;
import javax.servlet.ServletInputStream;
import javax.servlet.ServletOutputStream;
import javax.servlet.WriteListener;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Just enough of a servlet request and response for the adapters: the methods {@link ServletExchange} calls, over
 * plain fields. Any other method throws, so a test notices when the adapter starts to need more.
 */
final class FakeServlet {
    private FakeServlet() {}

    /** A request for {@code method} and {@code uri} (with an optional query), with headers and a body. */
    static HttpServletRequest request(String method, String uri, Map<String, List<String>> headers, String body) {
        int question = uri.indexOf('?');
        ServletInputStream input = input(body.getBytes(StandardCharsets.UTF_8));
        return (HttpServletRequest) Proxy.newProxyInstance(
                FakeServlet.class.getClassLoader(), new Class<?>[] {HttpServletRequest.class}, (proxy, call, args) -> {
                    return switch (call.getName()) {
                        case "getMethod" -> method;
                        case "getRequestURI" -> question < 0 ? uri : uri.substring(0, question);
                        case "getQueryString" -> question < 0 ? null : uri.substring(question + 1);
                        case "getHeaderNames" -> Collections.enumeration(headers.keySet());
                        case "getHeaders" -> Collections.enumeration(headers.getOrDefault((String) args[0], List.of()));
                        case "getInputStream" -> input;
                        default -> throw new UnsupportedOperationException(call.getName());
                    };
                });
    }

    /** What a handler wrote to a {@link #response}. */
    static final class Recorded {
        int status = 200;
        String contentType;
        final Map<String, List<String>> headers = new LinkedHashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        String bodyText() {
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    /** A response that records into {@code recorded}. */
    static HttpServletResponse response(Recorded recorded) {
        ServletOutputStream output = output(recorded.body);
        return (HttpServletResponse) Proxy.newProxyInstance(
                FakeServlet.class.getClassLoader(), new Class<?>[] {HttpServletResponse.class}, (proxy, call, args) -> {
                    switch (call.getName()) {
                        case "setStatus" -> recorded.status = (Integer) args[0];
                        case "addHeader" -> recorded.headers
                                .computeIfAbsent(((String) args[0]).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                                .add((String) args[1]);
                        case "setContentType" -> recorded.contentType = (String) args[0];
                        case "setContentLength" -> {}
                        case "getOutputStream" -> {
                            return output;
                        }
                        default -> throw new UnsupportedOperationException(call.getName());
                    }
                    return null;
                });
    }

    private static ServletInputStream input(byte[] bytes) {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                return in.read(buffer, offset, length);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new UnsupportedOperationException("blocking only");
            }
        };
    }

    private static ServletOutputStream output(ByteArrayOutputStream out) {
        return new ServletOutputStream() {
            @Override
            public void write(int b) {
                out.write(b);
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                throw new UnsupportedOperationException("blocking only");
            }
        };
    }
}
