package dev.sluice.gateway.ui;

import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.FcError;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /ui}: the live dashboard, a static page that reads {@code /system/metrics} and {@code /system/events}.
 * Its files ship in the gateway's jar under {@code ui/}; they are read once, when the gateway starts, and served from
 * memory. {@code /ui} and {@code /ui/} are the page itself, {@code /ui/<file>} one of its assets. Thread-safe: the
 * assets never change after construction.
 */
public final class UiHandler {
    public static final String PREFIX = "/ui";

    /** The files of the page, as named under {@code ui/} on the classpath; the first is the page itself. */
    static final List<String> FILES = List.of("index.html", "dashboard.js", "releases.js", "dashboard.css");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    /** By request path ({@code /ui}, {@code /ui/}, {@code /ui/dashboard.js}, ...); never modified. */
    private final Map<String, Asset> assets;

    /** One file of the page; {@code bytes} is never written after construction. */
    private static final class Asset {
        private final byte[] bytes;
        private final String contentType;

        Asset(byte[] bytes, String contentType) {
            this.bytes = bytes;
            this.contentType = contentType;
        }
    }

    /** Reads the dashboard's files from the classpath; fails if one is missing from the jar. */
    public UiHandler() {
        Map<String, Asset> byPath = new LinkedHashMap<>();
        for (String file : FILES) {
            byPath.put(PREFIX + "/" + file, new Asset(read(file), contentTypeOf(file)));
        }
        Asset index = byPath.get(PREFIX + "/" + FILES.get(0));
        byPath.put(PREFIX, index);
        byPath.put(PREFIX + "/", index);
        this.assets = Map.copyOf(byPath);
    }

    /** Returns whether {@code path} (no query) is the dashboard or below it ({@code /uix} is not). */
    public static boolean serves(String path) {
        return path.equals(PREFIX) || path.startsWith(PREFIX + "/");
    }

    /** Answers one request for the dashboard, on its event loop. */
    public void handle(
            ChannelHandlerContext ctx, HttpRequest request, String path, String requestId, boolean keepAlive) {
        boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method())) {
            FullHttpResponse refusal = Responses.error(
                    FcError.METHOD_NOT_ALLOWED,
                    request.method() + " " + path + ": only GET and HEAD",
                    requestId,
                    null,
                    null);
            refusal.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            Responses.write(ctx, refusal, keepAlive);
            return;
        }
        Asset asset = assets.get(path);
        if (asset == null) {
            Responses.write(
                    ctx,
                    Responses.error(
                            FcError.NOT_FOUND,
                            "no dashboard file at " + path + " (the dashboard is at " + PREFIX + ")",
                            requestId,
                            null,
                            null),
                    keepAlive);
            return;
        }
        FullHttpResponse response = Responses.bytes(
                HttpResponseStatus.OK,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(asset.bytes),
                asset.contentType,
                requestId);
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, asset.bytes.length)
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        Responses.write(ctx, response, keepAlive);
    }

    /** Returns the content type of {@code file} by its extension. */
    static String contentTypeOf(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new IllegalArgumentException("file: " + file + " (expected: a .html, .js or .css file)");
        }
        return type;
    }

    private static byte[] read(String file) {
        String resource = "/ui/" + file;
        try (InputStream in = UiHandler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("dashboard file " + resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard file " + resource, e);
        }
    }
}
