package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.java.http.HttpDate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small parsers behind the servlet adapters: header text, HTTP dates and URL-encoded parameters. */
class HttpTextTest {
    @Test
    void theCharsetParameterIsFoundInAnyCaseAndUnquoted() {
        assertThat(HttpText.charset("text/plain; Charset=\"ISO-8859-1\"")).isEqualTo("ISO-8859-1");
        assertThat(HttpText.charset("application/json;charset=utf-8;q=1")).isEqualTo("utf-8");
        assertThat(HttpText.charset("application/json")).isNull();
        assertThat(HttpText.charset(null)).isNull();
    }

    @Test
    void aContentTypeLosesOnlyItsCharsetAndItsMediaTypeIsTheFirstPart() {
        assertThat(HttpText.withoutCharset("text/html; charset=UTF-8; level=1")).isEqualTo("text/html;level=1");
        assertThat(HttpText.mediaType(" application/x-www-form-urlencoded ; charset=UTF-8"))
                .isEqualTo("application/x-www-form-urlencoded");
    }

    @Test
    void aHeaderNameMustBeATokenAndAValueMustHaveNoLineBreaks() {
        assertThat(HttpText.isToken("X-Rule_7")).isTrue();
        assertThat(HttpText.isToken("X Rule")).isFalse();
        assertThat(HttpText.isToken("")).isFalse();
        HttpText.checkHeader("X-Tab", "a\tb");
        assertThatThrownBy(() -> HttpText.checkHeader("X-Evil", "a\r\nSet-Cookie: admin=1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("response header X-Evil: the value contains control character 0xd");
        assertThatThrownBy(() -> HttpText.checkHeader("Bad:Name", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid response header name \"Bad:Name\"");
    }

    @Test
    void httpDatesAreWrittenWithTwoDigitDaysInGmtAndReadBack() {
        long millis = 784_111_777_000L; // Sun, 06 Nov 1994 08:49:37 GMT, RFC 9110's example

        assertThat(HttpDate.format(millis)).isEqualTo("Sun, 06 Nov 1994 08:49:37 GMT");
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(millis);
        assertThat(HttpDates.parse("Sun, 6 Nov 1994 08:49:37 GMT")).isEqualTo(millis);
        assertThatThrownBy(() -> HttpDates.parse("yesterday"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not an HTTP date (RFC 1123): yesterday");
    }

    @Test
    void aQueryStringKeepsRepeatedNamesInOrderAndDecodesPlusAndEscapes() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();

        UrlEncoded.parse("tag=a&x=1+2&&tag=b%26c&flag&empty=&J%C3%BC=r", StandardCharsets.UTF_8, parameters);

        assertThat(parameters)
                .containsExactly(
                        Map.entry("tag", List.of("a", "b&c")),
                        Map.entry("x", List.of("1 2")),
                        Map.entry("flag", List.of("")),
                        Map.entry("empty", List.of("")),
                        Map.entry("Jü", List.of("r")));
    }

    @Test
    void aMalformedEscapeIsLeftAsSentAndTheCharsetIsTheCallers() {
        Map<String, List<String>> parameters = new LinkedHashMap<>();

        UrlEncoded.parse("discount=100%&name=J%FCrgen", StandardCharsets.ISO_8859_1, parameters);
        UrlEncoded.parse(null, StandardCharsets.UTF_8, parameters);

        assertThat(parameters).containsEntry("discount", List.of("100%")).containsEntry("name", List.of("Jürgen"));
    }
}
