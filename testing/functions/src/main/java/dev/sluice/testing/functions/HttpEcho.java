package dev.sluice.testing.functions;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.HttpRequestHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * An HTTP-trigger function: answers with what it was sent (method, path, query parameter {@code id}, header
 * {@code x-demo}, body), 201 for POST, a header naming the function; a path ending in {@code /boom} throws.
 */
public class HttpEcho implements HttpRequestHandler {
    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        if (request.getRequestURI().endsWith("/boom")) {
            throw new IllegalStateException("boom at " + request.getRequestURI());
        }
        String body = new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        response.setStatus("POST".equals(request.getMethod()) ? 201 : 200);
        response.setHeader("x-handled-by", context.getFunctionParam().getFunctionName());
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream()
                .write((request.getMethod() + " " + request.getRequestURI() + " id=" + request.getParameter("id")
                                + " x-demo=" + request.getHeader("x-demo") + " body=" + body)
                        .getBytes(StandardCharsets.UTF_8));
    }
}
