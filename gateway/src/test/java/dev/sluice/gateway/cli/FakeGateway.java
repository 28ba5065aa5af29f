package dev.sluice.gateway.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A gateway that answers what a test tells it to, on a free port of 127.0.0.1, and records every request. A path
 * with no answer set gets {@code 404 NotFound}, as the real gateway answers an unknown route.
 *
 * <p>Served by the JDK's {@code com.sun.net.httpserver}, which forbidden-apis counts as non-portable: it is in every
 * JDK this project builds with, and it keeps the test free of a server dependency.
 */
@SuppressForbidden
final class FakeGateway implements AutoCloseable {
    /** One request as the gateway received it. */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst()
                    .orElse("");
        }
    }

    /** What the gateway answers to one method and path. */
    record Answer(int status, String contentType, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** Answers {@code method path} (the path with its query) with {@code status} and a JSON body. */
    FakeGateway json(String method, String path, int status, String body) {
        return answer(method, path, new Answer(status, "application/json", body, Map.of()));
    }

    FakeGateway answer(String method, String path, Answer answer) {
        answers.put(method + " " + path, answer);
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        String pathAndQuery = query == null ? path : path + "?" + query;
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(
                new Request(exchange.getRequestMethod(), pathAndQuery, Map.copyOf(exchange.getRequestHeaders()), body));
        Answer answer = answers.getOrDefault(
                exchange.getRequestMethod() + " " + pathAndQuery,
                new Answer(
                        404,
                        "application/json",
                        "{\"errorType\":\"NotFound\",\"errorMessage\":\"no route\"}",
                        Map.of("X-Fc-Error-Type", "NotFound")));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
