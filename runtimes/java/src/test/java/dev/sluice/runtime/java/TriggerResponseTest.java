package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The servlet response as a handler uses it, and the reply it becomes. */
class TriggerResponseTest {
    private final TriggerResponse response = new TriggerResponse();

    @Test
    void anUntouchedResponseIsAn200WithNothingElse() {
        HttpReply reply = response.finish();

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).isEmpty();
        assertThat(reply.contentType()).isNull();
        assertThat(reply.body()).isEmpty();
    }

    @Test
    void headersAreCaseInsensitiveAndAddKeepsEveryValue() {
        response.setHeader("X-Rule", "7");
        response.addHeader("x-rule", "8");
        response.setIntHeader("X-Count", 3);
        response.addDateHeader("Last-Modified", 784_111_777_000L);

        assertThat(response.getHeader("X-RULE")).isEqualTo("7");
        assertThat(response.getHeaders("x-rule")).containsExactly("7", "8");
        assertThat(response.containsHeader("x-count")).isTrue();
        assertThat(response.getHeader("last-modified")).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(response.getHeaderNames()).containsExactly("x-rule", "x-count", "last-modified");

        response.setHeader("x-rule", null);
        assertThat(response.containsHeader("X-Rule")).isFalse();
    }

    @Test
    void aContentTypeHeaderIsTheContentTypeAndItsCharsetTheEncoding() {
        response.setHeader("Content-Type", "text/html; charset=ISO-8859-1");

        assertThat(response.getContentType()).isEqualTo("text/html;charset=ISO-8859-1");
        assertThat(response.getCharacterEncoding()).isEqualTo("ISO-8859-1");
        assertThat(response.getHeaderNames()).containsExactly("content-type");
    }

    @Test
    void theWriterWritesUtf8ByDefaultAndSaysSoInTheContentType() throws Exception {
        response.setContentType("text/plain");

        response.getWriter().print("Grüße ✓");
        response.setCharacterEncoding("ISO-8859-1"); // too late: the writer's encoding is fixed

        HttpReply reply = response.finish();
        assertThat(reply.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("Grüße ✓");
    }

    @Test
    void theWriterAndTheOutputStreamExcludeEachOtherAndEachIsTheSameOnEveryCall() throws Exception {
        PrintWriter writer = response.getWriter();

        assertThat(response.getWriter()).isSameAs(writer);
        assertThatThrownBy(response::getOutputStream)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("getWriter() has already been called for this response");

        TriggerResponse other = new TriggerResponse();
        other.getOutputStream().write(1);
        assertThatThrownBy(other::getWriter)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("getOutputStream() has already been called for this response");
    }

    @Test
    void sendErrorAnswersItsMessageAsTextAndLaterWritesAreDiscarded() throws Exception {
        response.setContentType("application/json");
        response.getOutputStream().print("{\"half\":");

        response.sendError(403, "not yours");
        response.getOutputStream().print("more");
        response.setStatus(200);
        response.setHeader("X-Late", "1");

        HttpReply reply = response.finish();
        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.contentType()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("not yours");
        assertThat(reply.headers()).doesNotContainKey("x-late");
        assertThat(response.isCommitted()).isTrue();
        assertThatThrownBy(() -> response.sendError(500))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("sendError() after the response was committed");
    }

    @Test
    void flushBufferCommitsSoHeadersAreIgnoredAndResetsRefused() throws Exception {
        response.setStatus(202);
        response.getWriter().print("a");

        response.flushBuffer();
        response.setStatus(500);
        response.addHeader("X-After", "1");
        response.getWriter().print("b");

        assertThat(response.isCommitted()).isTrue();
        assertThatThrownBy(response::reset).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(response::resetBuffer).isInstanceOf(IllegalStateException.class);
        HttpReply reply = response.finish();
        assertThat(reply.status()).isEqualTo(202);
        assertThat(reply.headers()).isEmpty();
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("ab");
    }

    @Test
    void resetClearsStatusHeadersAndBodyButResetBufferOnlyTheBody() throws Exception {
        response.setStatus(201);
        response.setHeader("X-Rule", "7");
        response.getWriter().print("first");
        response.resetBuffer();
        assertThat(response.getStatus()).isEqualTo(201);

        response.getWriter().print("second");
        response.reset();
        response.getWriter().print("third");

        HttpReply reply = response.finish();
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).isEmpty();
        assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo("third");
    }

    @Test
    void aRedirectIsA302WithItsLocation() {
        response.sendRedirect("https://example.com/next");

        HttpReply reply = response.finish();
        assertThat(reply.status()).isEqualTo(302);
        assertThat(reply.headers()).containsEntry("location", List.of("https://example.com/next"));
    }

    @Test
    void whatCannotBeSentIsRefusedWhenItIsSet() {
        assertThatThrownBy(() -> response.setStatus(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("status 100 cannot end an HTTP response (expected 200-999)");
        assertThatThrownBy(() -> response.setHeader("X-Evil", "a\nb")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBufferSizeLocaleAndContentLengthAreRecorded() throws Exception {
        response.setBufferSize(1024);
        response.setLocale(Locale.GERMANY);
        response.setContentLength(5);

        assertThat(response.getBufferSize()).isEqualTo(1024);
        assertThat(response.getLocale()).isEqualTo(Locale.GERMANY);
        assertThat(response.getHeader("Content-Language")).isEqualTo("de-DE");
        assertThat(response.getHeader("content-length")).isEqualTo("5");
        assertThat(response.encodeURL("/a?b=c")).isEqualTo("/a?b=c");
        response.getOutputStream().write(1);
        assertThatThrownBy(() -> response.setBufferSize(1)).isInstanceOf(IllegalStateException.class);
    }
}
