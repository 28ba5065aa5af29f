package dev.sluice.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Requests to a running gateway, with the JDK's HTTP client. */
final class GatewayClient {
    /** The gateway is local: a connection that takes longer than this will not come. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final HttpClient http;

    GatewayClient(URI base) {
        this.base = base;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** Returns the gateway's base URL, e.g. {@code http://127.0.0.1:8080}. */
    URI base() {
        return base;
    }

    /**
     * Sends {@code method path} with {@code body} (none when empty) and returns the response. No request timeout:
     * a deploy may build an image and an invocation may wait for a cold start; the gateway bounds both.
     *
     * @param path the path and query, starting with {@code /}, already encoded
     * @param token the admin token, sent as {@code Authorization: Bearer}, or null
     * @throws GatewayUnreachableException if no connection could be opened
     * @throws IOException if the connection broke after it was opened
     */
    HttpResponse<byte[]> send(String method, String path, @Nullable String token, byte[] body)
            throws GatewayUnreachableException, IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new GatewayUnreachableException(base, "no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            throw new GatewayUnreachableException(base, e.getMessage() != null ? e.getMessage() : "connection refused");
        }
    }

    /** Sends a {@code GET}. */
    HttpResponse<byte[]> get(String path) throws GatewayUnreachableException, IOException, InterruptedException {
        return send("GET", path, null, new byte[0]);
    }

    /** Returns {@code segment} encoded for a URL path, e.g. a function name. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Returns the body as UTF-8 text. */
    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Returns the body as JSON, or a missing node if it is not JSON. */
    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    /**
     * Returns the gateway's error as one line, {@code ErrorType: message}: from the JSON body of a platform error, or
     * the status and the start of the body when the body is not one.
     */
    static String problem(HttpResponse<byte[]> response) {
        JsonNode body = json(response);
        String type = response.headers()
                .firstValue("X-Fc-Error-Type")
                .orElse(body.path("errorType").asText(""));
        String message = body.path("errorMessage").asText("");
        if (!type.isEmpty() && !message.isEmpty()) {
            return type + ": " + message;
        }
        String text = text(response).strip();
        if (text.length() > 200) {
            text = text.substring(0, 200) + "...";
        }
        return "HTTP " + response.statusCode() + (type.isEmpty() ? "" : " " + type)
                + (text.isEmpty() ? "" : ": " + text);
    }
}
