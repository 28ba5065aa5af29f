package dev.sluice.runtime.java;

import dev.sluice.runtime.java.http.HttpDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The header part of an HTTP-trigger call's response (see {@link TriggerResponse}). Names are case-insensitive and
 * listed in lower case. Content-Type is the subclass's, because its charset and the writer's encoding are one thing.
 */
abstract class TriggerResponseHeaders implements HttpServletResponse {
    /** Lower-case name to values, in the order first set. */
    private final Map<String, List<String>> headers = new LinkedHashMap<>();

    @Override
    public void setHeader(String name, @Nullable String value) {
        putHeader(name, value, false);
    }

    @Override
    public void addHeader(String name, @Nullable String value) {
        putHeader(name, value, true);
    }

    @Override
    public void setIntHeader(String name, int value) {
        putHeader(name, Integer.toString(value), false);
    }

    @Override
    public void addIntHeader(String name, int value) {
        putHeader(name, Integer.toString(value), true);
    }

    @Override
    public void setDateHeader(String name, long date) {
        putHeader(name, HttpDate.format(date), false);
    }

    @Override
    public void addDateHeader(String name, long date) {
        putHeader(name, HttpDate.format(date), true);
    }

    @Override
    public boolean containsHeader(String name) {
        return getHeader(name) != null;
    }

    @Override
    public @Nullable String getHeader(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("content-type")) {
            return getContentType();
        }
        List<String> values = headers.get(key);
        return values == null ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        String type = key.equals("content-type") ? getContentType() : null;
        if (type != null) {
            return List.of(type);
        }
        List<String> values = headers.get(key);
        return values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public Collection<String> getHeaderNames() {
        List<String> names = new ArrayList<>(headers.keySet());
        if (getContentType() != null) {
            names.add("content-type");
        }
        return names;
    }

    @Override
    public void addCookie(Cookie cookie) {
        addHeader("Set-Cookie", Cookies.format(cookie));
    }

    /** URLs are returned unchanged: with no sessions there is no session id to add to them. */
    @Override
    public String encodeURL(String url) {
        return url;
    }

    @Override
    public String encodeRedirectURL(String url) {
        return url;
    }

    @Override
    @Deprecated // as in the interface, which still requires it
    @SuppressWarnings("InlineMeSuggester") // a servlet API method, not one of ours for callers to inline
    public String encodeUrl(String url) {
        return url;
    }

    @Override
    @Deprecated // as in the interface, which still requires it
    @SuppressWarnings("InlineMeSuggester") // a servlet API method, not one of ours for callers to inline
    public String encodeRedirectUrl(String url) {
        return url;
    }

    /** Sets or adds a header; ignored once the response is committed, as a container would have sent them. */
    final void putHeader(String name, @Nullable String value, boolean add) {
        if (isCommitted()) {
            return;
        }
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("content-type")) {
            setContentType(value); // one place for the type, so its charset and the writer's agree
            return;
        }
        if (value == null) {
            if (!add) {
                headers.remove(key); // set to null: as if never set; add of null adds nothing
            }
            return;
        }
        HttpText.checkHeader(name, value);
        List<String> values = add ? headers.get(key) : null;
        if (values == null) {
            values = new ArrayList<>(1);
            headers.put(key, values);
        }
        values.add(value);
    }

    /** The headers as set, without Content-Type. */
    final Map<String, List<String>> headerMap() {
        return headers;
    }
}
