package dev.sluice.runtime.java;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.Cookie;
import org.jspecify.annotations.Nullable;

/**
 * The header and connection part of an HTTP-trigger call's request (see {@link TriggerRequest}).
 *
 * <p>Header names are case-insensitive and listed in lower case. The platform's own {@code x-fc-*} headers are left
 * out: they describe the call to the runtime, not the client's request, and some carry credentials that a handler
 * echoing its headers would hand to the client ({@link com.aliyun.fc.runtime.Context} has all of them).
 */
abstract class TriggerRequestHeaders extends TriggerRequestBase {
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    TriggerRequestHeaders(Map<String, List<String>> requestHeaders, InetSocketAddress remote, InetSocketAddress local) {
        this.remote = remote;
        this.local = local;
        for (Map.Entry<String, List<String>> header : requestHeaders.entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("x-fc-")) {
                List<String> values = headers.get(name);
                if (values == null) {
                    values = new ArrayList<>(header.getValue().size());
                    headers.put(name, values);
                }
                values.addAll(header.getValue());
            }
        }
    }

    /** The name part of {@link #host()}. */
    @Override
    public String getServerName() {
        String host = host();
        int colon = portColon(host);
        return colon < 0 ? host : host.substring(0, colon);
    }

    @Override
    public int getServerPort() {
        String host = host();
        int colon = portColon(host);
        if (colon >= 0) {
            try {
                return Integer.parseInt(host.substring(colon + 1));
            } catch (NumberFormatException ignored) {
                // a malformed Host: fall through to the scheme's default port
            }
        }
        return 80;
    }

    /** The client: the first {@code X-Forwarded-For} entry (set by the gateway), else the connection's peer. */
    @Override
    public String getRemoteAddr() {
        String forwarded = getHeader("x-forwarded-for");
        if (forwarded != null) {
            String first = forwarded.split(",", 2)[0].trim();
            if (!first.isEmpty()) {
                return first;
            }
        }
        return address(remote);
    }

    @Override
    public String getRemoteHost() {
        return getRemoteAddr(); // no reverse DNS lookup on the request path, as containers do by default
    }

    @Override
    public int getRemotePort() {
        return remote.getPort();
    }

    @Override
    public String getLocalName() {
        return local.getHostString();
    }

    @Override
    public String getLocalAddr() {
        return address(local);
    }

    @Override
    public int getLocalPort() {
        return local.getPort();
    }

    @Override
    public @Nullable String getHeader(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return Collections.enumeration(values == null ? List.<String>of() : values);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(headers.keySet());
    }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value.trim());
    }

    @Override
    public long getDateHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : HttpDates.parse(value);
    }

    @Override
    public Cookie @Nullable [] getCookies() {
        List<String> values = headers.get("cookie");
        return values == null ? null : Cookies.parse(values);
    }

    /** The client's preferred language from {@code Accept-Language}, else English. */
    @Override
    public Locale getLocale() {
        String accepted = getHeader("accept-language");
        if (accepted != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accepted)) {
                    if (!range.getRange().equals("*")) {
                        return Locale.forLanguageTag(range.getRange());
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header: the default, as for none
            }
        }
        return Locale.ENGLISH;
    }

    @Override
    public Enumeration<Locale> getLocales() {
        return Collections.enumeration(List.of(getLocale()));
    }

    /** The client's {@code host[:port]}: {@code X-Forwarded-Host} (a proxy's record of it), else {@code Host}. */
    final String host() {
        String forwarded = getHeader("x-forwarded-host");
        // Proxies in a chain append theirs: the first entry is what the client asked for.
        String host = forwarded != null ? forwarded.split(",", 2)[0] : getHeader("host");
        if (host != null && !host.isBlank()) {
            return host.trim();
        }
        String address = address(local);
        return (address.indexOf(':') >= 0 ? "[" + address + "]" : address) + ":" + local.getPort();
    }

    /** The colon before a Host's port, or -1; an IPv6 literal ({@code [::1]:8080}) has colons of its own. */
    private static int portColon(String host) {
        int colon = host.lastIndexOf(':');
        return colon > host.lastIndexOf(']') ? colon : -1;
    }

    private static String address(InetSocketAddress socket) {
        return socket.getAddress() == null
                ? socket.getHostString()
                : socket.getAddress().getHostAddress();
    }
}
