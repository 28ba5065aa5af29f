package dev.sluice.gateway.todo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.gateway.testing.LocalSluice;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/** The todo app's API as a course client uses it, through a gateway, plus the tokens a forger would make. */
final class TodoClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String DENIED = "{\"success\":false,\"message\":\"JWT token auth failed\"}";

    private final LocalSluice sluice;

    TodoClient(LocalSluice sluice) {
        this.sluice = sluice;
    }

    /** The sample app's document, with relative paths resolving in the sample directory. */
    static String sampleDocument(Path samples) throws IOException {
        return Files.readString(samples.resolve("functions.yml"));
    }

    HttpResponse<String> send(String method, String path, @Nullable String body, @Nullable String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(sluice.base().resolve(path))
                .timeout(Duration.ofSeconds(60))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (token != null) {
            request.header("cookie", "jwtToken=" + token);
        }
        return sluice.send(request.build());
    }

    /** Registers {@code user} (if new) and logs in; returns the token from the {@code jwtToken} cookie. */
    String login(String user, String password) throws IOException, InterruptedException {
        send("POST", "/user/register", json(Map.of("userName", user, "password", password)), null);
        HttpResponse<String> login = send(
                "POST",
                "/api/login/account",
                json(Map.of("userName", user, "password", password, "type", "account")),
                null);
        assertThat(login.body()).contains("\"status\":\"ok\"");
        String cookie = login.headers().allValues("set-cookie").stream()
                .filter(c -> c.startsWith("jwtToken="))
                .findFirst()
                .orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly");
        return cookie.substring("jwtToken=".length(), cookie.indexOf(';'));
    }

    /** Adds a todo as {@code token}'s user and returns its key. */
    String add(String token, String name) throws IOException, InterruptedException {
        HttpResponse<String> added = send("POST", "/api/rule", json(Map.of("name", name, "desc", "d")), token);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        return JSON.readTree(added.body()).get("key").asText();
    }

    /** Returns the todos {@code path} lists, by name. */
    List<String> names(String path) throws IOException, InterruptedException {
        HttpResponse<String> list = send("GET", path, null, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode data = JSON.readTree(list.body()).get("data");
        return java.util.stream.StreamSupport.stream(data.spliterator(), false)
                .map(todo -> todo.get("name").asText())
                .toList();
    }

    static String json(Object value) throws IOException {
        return JSON.writeValueAsString(value);
    }

    /** Signs {@code claims} with HS256 and the key in the secret file, as the platform's functions do. */
    static String signed(Path secretFile, Map<String, Object> claims) throws Exception {
        byte[] key = Base64.getDecoder().decode(Files.readString(secretFile).trim());
        String unsigned = part(Map.of("alg", "HS256", "typ", "JWT")) + "." + part(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] signature = mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII));
        return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    /** An unsigned token ({@code alg: none}) with {@code claims}: what no verifier may accept. */
    static String unsigned(Map<String, Object> claims) throws IOException {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    static Map<String, Object> claims(String sub, String name, Instant expiry) {
        return Map.of("sub", sub, "name", name, "iat", expiry.getEpochSecond() - 3600, "exp", expiry.getEpochSecond());
    }

    private static String part(Map<String, Object> json) throws IOException {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(json));
    }
}
