package dev.sluice.runtime.java;

import java.util.Map;

/** The HTTP-trigger functions {@link HttpTriggerTest} compiles: sources, by class name. */
final class HttpTriggerFunctions {
    private HttpTriggerFunctions() {}

    static Map<String, String> sources() {
        return Map.of(
                "fn.Echo", ECHO,
                "fn.Form", FORM,
                "fn.HttpThrows", HTTP_THROWS,
                "fn.HttpInit", HTTP_INIT,
                "fn.Sessions", SESSIONS,
                "fn.Redirect", REDIRECT,
                "fn.Stream", STREAM);
    }

    /** Echoes what it sees of the request as JSON; answers 201 with a header and a cookie. */
    private static final String ECHO =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.HttpRequestHandler;
            import java.io.IOException;
            import java.nio.charset.StandardCharsets;
            import java.util.Collections;
            import javax.servlet.http.Cookie;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class Echo implements HttpRequestHandler {
                @Override
                public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
                        throws IOException {
                    StringBuilder json = new StringBuilder("{");
                    field(json, "method", request.getMethod());
                    field(json, "uri", request.getRequestURI());
                    field(json, "path", request.getPathInfo());
                    field(json, "servletPath", request.getServletPath());
                    field(json, "contextPath", request.getContextPath());
                    field(json, "query", request.getQueryString());
                    field(json, "x", request.getParameter("x"));
                    field(json, "tags", String.join(",", request.getParameterValues("tag")));
                    field(json, "custom", request.getHeader("x-CUSTOM"));
                    field(json, "session", cookie(request, "session"));
                    field(json, "theme", cookie(request, "theme"));
                    field(json, "body", new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    field(json, "contentType", request.getContentType());
                    field(json, "contentLength", String.valueOf(request.getContentLength()));
                    field(json, "url", request.getRequestURL().toString());
                    field(json, "serverName", request.getServerName());
                    field(json, "serverPort", String.valueOf(request.getServerPort()));
                    field(json, "remoteAddr", request.getRemoteAddr());
                    field(json, "scheme", request.getScheme());
                    field(json, "secret", request.getHeader("x-fc-access-key-secret"));
                    field(json, "headerNames", String.join(",", Collections.list(request.getHeaderNames())));
                    field(json, "requestId", context.getRequestId());
                    json.setCharAt(json.length() - 1, '}');

                    response.setStatus(201);
                    response.setHeader("X-Rule", "7");
                    Cookie seen = new Cookie("seen", "1");
                    seen.setPath("/api");
                    seen.setMaxAge(60);
                    seen.setHttpOnly(true);
                    response.addCookie(seen);
                    response.setContentType("application/json");
                    response.getOutputStream().write(json.toString().getBytes(StandardCharsets.UTF_8));
                }

                private static String cookie(HttpServletRequest request, String name) {
                    if (request.getCookies() != null) {
                        for (Cookie cookie : request.getCookies()) {
                            if (cookie.getName().equals(name)) {
                                return cookie.getValue();
                            }
                        }
                    }
                    return null;
                }

                private static void field(StringBuilder json, String name, String value) {
                    json.append('"').append(name).append("\\":");
                    if (value == null) {
                        json.append("null,");
                    } else {
                        json.append('"').append(value.replace("\\\\", "\\\\\\\\").replace("\\"", "\\\\\\"")).append("\\",");
                    }
                }
            }
            """;

    /** Greets the form's name through the writer, in UTF-8. */
    private static final String FORM =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.HttpRequestHandler;
            import java.io.IOException;
            import java.io.PrintWriter;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class Form implements HttpRequestHandler {
                @Override
                public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
                        throws IOException {
                    response.setContentType("text/plain");
                    PrintWriter writer = response.getWriter();
                    writer.print("Grüße, " + request.getParameter("name") + " ✓ "
                            + String.join("+", request.getParameterValues("tag")) + " from " + request.getParameter("source"));
                }
            }
            """;

    /** Starts answering, then throws. */
    private static final String HTTP_THROWS =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.HttpRequestHandler;
            import java.io.IOException;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class HttpThrows implements HttpRequestHandler {
                @Override
                public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
                        throws IOException {
                    response.setStatus(202);
                    response.setHeader("X-Partial", "yes");
                    response.getWriter().print("partial");
                    if (request.getParameter("fail") != null) {
                        throw new IllegalStateException("rule " + request.getParameter("fail") + " is broken");
                    }
                }
            }
            """;

    /** An HTTP handler with an initializer; answers with its state. */
    private static final String HTTP_INIT =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.FunctionInitializer;
            import com.aliyun.fc.runtime.HttpRequestHandler;
            import java.io.IOException;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class HttpInit implements HttpRequestHandler, FunctionInitializer {
                private volatile String state = "not initialized";

                @Override
                public void initialize(Context context) {
                    state = "initialized";
                }

                @Override
                public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
                        throws IOException {
                    context.getLogger().info("handling " + request.getRequestURI());
                    response.getWriter().print(state);
                }
            }
            """;

    /** Asks for what a servlet container would have: a session. Not an HttpRequestHandler: called reflectively. */
    private static final String SESSIONS =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class Sessions {
                public void handle(HttpServletRequest request, HttpServletResponse response, Context context) {
                    request.getSession().setAttribute("user", "ada");
                }
            }
            """;

    private static final String REDIRECT =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.HttpRequestHandler;
            import java.io.IOException;
            import javax.servlet.http.HttpServletRequest;
            import javax.servlet.http.HttpServletResponse;

            public class Redirect implements HttpRequestHandler {
                @Override
                public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
                        throws IOException {
                    response.sendRedirect("/login?next=%2Fapi");
                    response.getWriter().print("ignored after the redirect");
                }
            }
            """;

    /** An event handler, for calls of the wrong kind. */
    private static final String STREAM =
            """
            package fn;

            import com.aliyun.fc.runtime.Context;
            import com.aliyun.fc.runtime.StreamRequestHandler;
            import java.io.IOException;
            import java.io.InputStream;
            import java.io.OutputStream;

            public class Stream implements StreamRequestHandler {
                @Override
                public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
                    in.transferTo(out);
                }
            }
            """;
}
