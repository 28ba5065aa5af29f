package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UnsupportedEncodingException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.DispatcherType;
import org.junit.jupiter.api.Test;

/** The servlet request over a client's request, as a handler reads it. */
class TriggerRequestTest {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("10.0.0.7", 50123);
    private static final InetSocketAddress LOCAL = new InetSocketAddress("172.17.0.2", 9000);

    @Test
    void headersAreCaseInsensitiveListedInLowerCaseAndThePlatformsAreLeftOut() {
        TriggerRequest request = request(
                "GET",
                "/",
                Map.of(
                        "X-custom", List.of("a", "b"),
                        "X-fc-access-key-secret", List.of("s3cret"),
                        "X-fc-request-id", List.of("req-1")),
                "");

        assertThat(request.getHeader("X-CUSTOM")).isEqualTo("a");
        assertThat(Collections.list(request.getHeaders("x-custom"))).containsExactly("a", "b");
        assertThat(Collections.list(request.getHeaderNames())).containsExactly("x-custom");
        assertThat(request.getHeader("x-fc-access-key-secret")).isNull();
        assertThat(Collections.list(request.getHeaders("missing"))).isEmpty();
    }

    @Test
    void intAndDateHeadersAreParsedAndMinusOneWhenAbsent() {
        TriggerRequest request = request(
                "GET",
                "/",
                Map.of("Max-Forwards", List.of(" 5 "), "If-Modified-Since", List.of("Sun, 06 Nov 1994 08:49:37 GMT")),
                "");

        assertThat(request.getIntHeader("max-forwards")).isEqualTo(5);
        assertThat(request.getDateHeader("if-modified-since")).isEqualTo(784_111_777_000L);
        assertThat(request.getIntHeader("x-none")).isEqualTo(-1);
        assertThat(request.getDateHeader("x-none")).isEqualTo(-1);
    }

    @Test
    void serverNameAndPortComeFromTheForwardedHostElseTheHostElseTheConnection() {
        assertThat(serverOf(Map.of("Host", List.of("api.example.com:8080")))).isEqualTo("api.example.com:8080");
        assertThat(serverOf(Map.of("Host", List.of("api.example.com")))).isEqualTo("api.example.com:80");
        assertThat(serverOf(Map.of("Host", List.of("[::1]:8443")))).isEqualTo("[::1]:8443");
        assertThat(serverOf(Map.of("Host", List.of("[::1]")))).isEqualTo("[::1]:80");
        assertThat(serverOf(Map.of("Host", List.of("gw:9000"), "X-Forwarded-Host", List.of("public.example, gw:80"))))
                .isEqualTo("public.example:80");
        assertThat(serverOf(Map.of())).isEqualTo("172.17.0.2:9000");
    }

    @Test
    void theClientIsTheFirstForwardedForEntryElseTheConnectionsPeer() {
        assertThat(request("GET", "/", Map.of("X-Forwarded-For", List.of(" 203.0.113.9 , 10.0.0.1")), "")
                        .getRemoteAddr())
                .isEqualTo("203.0.113.9");
        TriggerRequest direct = request("GET", "/", Map.of(), "");
        assertThat(direct.getRemoteAddr()).isEqualTo("10.0.0.7");
        assertThat(direct.getRemotePort()).isEqualTo(50123);
        assertThat(direct.getLocalPort()).isEqualTo(9000);
    }

    @Test
    void theRawPathIsTheUriAndTheDecodedPathThePathInfo() {
        TriggerRequest request = request("GET", "/files/a%20b?q=x%26y", Map.of("Host", List.of("h")), "");

        assertThat(request.getRequestURI()).isEqualTo("/files/a%20b");
        assertThat(request.getPathInfo()).isEqualTo("/files/a b");
        assertThat(request.getQueryString()).isEqualTo("q=x%26y");
        assertThat(request.getParameter("q")).isEqualTo("x&y");
        assertThat(request.getRequestURL()).hasToString("http://h/files/a%20b");
        assertThat(request).hasToString("HttpServletRequest GET /files/a%20b?q=x%26y");
    }

    @Test
    void queryParametersComeBeforeThoseOfAFormBodyWhichStaysReadable() throws Exception {
        TriggerRequest request = request(
                "POST",
                "/f?tag=q",
                Map.of("Content-Type", List.of("application/x-www-form-urlencoded; charset=UTF-8")),
                "tag=f&name=J%C3%BCrgen");

        assertThat(request.getParameterValues("tag")).containsExactly("q", "f");
        assertThat(request.getParameter("name")).isEqualTo("Jürgen");
        assertThat(Collections.list(request.getParameterNames())).containsExactly("tag", "name");
        assertThat(request.getParameterMap()).containsOnlyKeys("tag", "name");
        assertThat(request.getParameter("missing")).isNull();
        assertThat(new String(request.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("tag=f&name=J%C3%BCrgen");
    }

    @Test
    void theReaderDecodesInTheRequestsEncodingAndExcludesTheStream() throws Exception {
        TriggerRequest latin1 = new TriggerRequest(
                "POST",
                URI.create("/"),
                "HTTP/1.1",
                Map.of("Content-Type", List.of("text/plain; charset=ISO-8859-1")),
                "Grüße".getBytes(StandardCharsets.ISO_8859_1),
                REMOTE,
                LOCAL);

        assertThat(latin1.getCharacterEncoding()).isEqualTo("ISO-8859-1");
        assertThat(latin1.getReader().readLine()).isEqualTo("Grüße");
        assertThat(latin1.getReader()).isSameAs(latin1.getReader());
        assertThatThrownBy(latin1::getInputStream)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("getReader() has already been called for this request");
        assertThatThrownBy(() -> request("POST", "/", Map.of(), "").setCharacterEncoding("no-such-charset"))
                .isInstanceOf(UnsupportedEncodingException.class);
    }

    @Test
    void theContentLengthIsTheBodysAndUnknownWithoutOne() {
        assertThat(request("POST", "/", Map.of(), "12345").getContentLength()).isEqualTo(5);
        assertThat(request("GET", "/", Map.of(), "").getContentLengthLong()).isEqualTo(-1);
        assertThat(request("POST", "/", Map.of("Content-Length", List.of("0")), "")
                        .getContentLength())
                .isZero();
    }

    @Test
    void theLocaleIsTheClientsFirstChoiceElseEnglish() {
        TriggerRequest german = request("GET", "/", Map.of("Accept-Language", List.of("fr;q=0.5, de-CH, *")), "");

        assertThat(german.getLocale()).isEqualTo(Locale.forLanguageTag("de-CH"));
        assertThat(request("GET", "/", Map.of(), "").getLocale()).isEqualTo(Locale.ENGLISH);
        assertThat(request("GET", "/", Map.of("Accept-Language", List.of(";;;")), "")
                        .getLocale())
                .isEqualTo(Locale.ENGLISH);
    }

    @Test
    void attributesAreSetReadAndRemovedAndSettingNullRemoves() {
        TriggerRequest request = request("GET", "/", Map.of(), "");

        request.setAttribute("user", "ada");
        request.setAttribute("role", "admin");
        request.setAttribute("role", null);

        assertThat(request.getAttribute("user")).isEqualTo("ada");
        assertThat(Collections.list(request.getAttributeNames())).containsExactly("user");
        request.removeAttribute("user");
        assertThat(request.getAttribute("user")).isNull();
    }

    @Test
    void containerFeaturesAnswerTruthfullyOrThrowNamingTheMethod() {
        TriggerRequest request = request("GET", "/", Map.of(), "");

        assertThat(request.getSession(false)).isNull();
        assertThat(request.getUserPrincipal()).isNull();
        assertThat(request.isAsyncSupported()).isFalse();
        assertThat(request.getDispatcherType()).isEqualTo(DispatcherType.REQUEST);
        assertThat(request.getProtocol()).isEqualTo("HTTP/1.1");
        assertThat(request.isSecure()).isFalse();
        assertThatThrownBy(() -> request.getSession(true))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessage("HttpServletRequest.getSession() is not supported: an HTTP-trigger function runs without"
                        + " a servlet container, and FC's Java runtime does not offer sessions either");
        assertThatThrownBy(request::startAsync).hasMessageStartingWith("ServletRequest.startAsync() is not supported");
        assertThatThrownBy(() -> request.getRequestDispatcher("/x"))
                .hasMessageContaining("does not offer request dispatching either");
        assertThatThrownBy(() -> request.login("u", "p")).hasMessageStartingWith("HttpServletRequest.login()");
        assertThatThrownBy(request::getParts).hasMessageStartingWith("HttpServletRequest.getParts()");
    }

    private static String serverOf(Map<String, List<String>> headers) {
        TriggerRequest request = request("GET", "/", headers, "");
        return request.getServerName() + ":" + request.getServerPort();
    }

    private static TriggerRequest request(String method, String uri, Map<String, List<String>> headers, String body) {
        return new TriggerRequest(
                method,
                URI.create(uri),
                "HTTP/1.1",
                new LinkedHashMap<>(headers),
                body.getBytes(StandardCharsets.UTF_8),
                REMOTE,
                LOCAL);
    }
}
