package dev.sluice.runtime.java;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import javax.servlet.http.Cookie;
import org.junit.jupiter.api.Test;

class CookiesTest {
    @Test
    void theCookieHeadersPairsBecomeCookiesWithQuotesRemoved() {
        Cookie[] cookies = Cookies.parse(List.of("session=abc123; theme=\"dark\";lang=en", "second=header"));

        assertThat(Arrays.stream(cookies).map(cookie -> cookie.getName() + "=" + cookie.getValue()))
                .containsExactly("session=abc123", "theme=dark", "lang=en", "second=header");
    }

    @Test
    void pairsTheServletApiCannotRepresentAreSkippedAndNoneAtAllIsNull() {
        Cookie[] cookies = Cookies.parse(List.of("=novalue; $Version=1; Path=/; bad name=1; ok=1; flag"));

        assertThat(Arrays.stream(cookies).map(Cookie::getName)).containsExactly("ok");
        assertThat(Cookies.parse(List.of(""))).isNull();
        assertThat(Cookies.parse(List.of())).isNull();
    }

    @Test
    void aSetCookieCarriesTheAttributesThatAreSet() {
        Cookie cookie = new Cookie("seen", "1");
        cookie.setMaxAge(60);
        cookie.setDomain("example.com");
        cookie.setPath("/api");
        cookie.setSecure(true);
        cookie.setHttpOnly(true);
        cookie.setComment("not in RFC 6265");

        assertThat(Cookies.format(cookie))
                .isEqualTo("seen=1; Max-Age=60; Domain=example.com; Path=/api; Secure; HttpOnly");
        assertThat(Cookies.format(new Cookie("session", null))).isEqualTo("session=");
    }

    @Test
    void maxAgeZeroDeletesTheCookieAndANegativeOneMakesASessionCookie() {
        Cookie deleting = new Cookie("gone", "");
        deleting.setMaxAge(0);

        assertThat(Cookies.format(deleting)).isEqualTo("gone=; Max-Age=0");
        assertThat(Cookies.format(new Cookie("s", "v"))).isEqualTo("s=v");
    }

    @Test
    void aValueAHeaderCannotCarryIsRefusedWithTheAdviceToEncodeIt() {
        assertThatThrownBy(() -> Cookies.format(new Cookie("name", "a;b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cookie name: its value contains ';', which a Set-Cookie header cannot carry (RFC 6265);"
                        + " URL-encode the value");
        assertThat(Cookies.format(new Cookie("quoted", "\"ok\""))).isEqualTo("quoted=\"ok\"");
        Cookie path = new Cookie("p", "v");
        path.setPath("/a;Domain=evil");
        assertThatThrownBy(() -> Cookies.format(path)).hasMessageContaining("its Path \"/a;Domain=evil\"");
    }
}
