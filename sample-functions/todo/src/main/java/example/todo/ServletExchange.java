package example.todo;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/** Translates between the servlet API the FC runtime calls with and the functions' {@link ApiRequest}/{@link ApiResponse}. */
final class ServletExchange {
    private ServletExchange() {}

    /**
     * Returns the request as the function reads it: the path (the trigger passes the client's, e.g.
     * {@code /api/rule}), the query parsed here, every header, the whole body.
     *
     * @throws IOException if the body cannot be read
     */
    static ApiRequest read(HttpServletRequest request) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            // Cookie headers are joined the way one Cookie header lists pairs; others as RFC 9110 lists values.
            String separator = name.equalsIgnoreCase("cookie") ? "; " : ", ";
            headers.put(name, String.join(separator, Collections.list(request.getHeaders(name))));
        }
        Map<String, List<String>> query;
        try {
            query = UrlEncoded.parse(request.getQueryString());
        } catch (IllegalArgumentException e) {
            query = Map.of(); // a malformed query reads as none, as a lenient server would
        }
        byte[] body = request.getInputStream().readAllBytes();
        return new ApiRequest(request.getMethod(), path(request), query, headers, body);
    }

    /** Writes {@code response}: status, its headers, JSON content type and body. */
    static void write(ApiResponse response, HttpServletResponse servlet) throws IOException {
        servlet.setStatus(response.status());
        response.headers().forEach(servlet::addHeader);
        servlet.setContentType("application/json; charset=utf-8");
        byte[] body = Json.bytes(response.body());
        servlet.setContentLength(body.length);
        servlet.getOutputStream().write(body);
    }

    /** The path as sent; still percent-encoded, which the functions' plain ASCII routes never are. */
    private static String path(HttpServletRequest request) {
        @Nullable String uri = request.getRequestURI();
        return uri == null || uri.isEmpty() ? "/" : uri;
    }
}
