package dev.sluice.gateway.http;

/** Reads request URIs on the request path, where a regular expression per call would cost more than the call. */
public final class Uris {
    private Uris() {}

    /** Returns {@code uri} without its query and fragment. */
    public static String path(String uri) {
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == '?' || c == '#') {
                return uri.substring(0, i);
            }
        }
        return uri;
    }
}
