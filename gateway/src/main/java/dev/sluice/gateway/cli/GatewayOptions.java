package dev.sluice.gateway.cli;

import dev.sluice.config.platform.PlatformConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** The option every client command has: where the gateway is. */
final class GatewayOptions {
    @Option(
            names = "--url",
            paramLabel = "URL",
            description = "the gateway (default: http://127.0.0.1:8080, or SLUICE_HOST and SLUICE_PORT)")
    @Nullable
    String url;

    /**
     * Returns the gateway's base URL, without a trailing slash: {@code --url}, or else the address {@code sluice up}
     * binds by default in this environment. A wildcard bind address ({@code 0.0.0.0}, {@code ::}) is reached on
     * loopback.
     *
     * @throws BadInputException if {@code --url} is not an http URL, or SLUICE_HOST/SLUICE_PORT are not usable
     */
    URI base(PlatformConfig platform) throws BadInputException {
        if (url != null) {
            return parse(url);
        }
        if (platform.port() == 0) {
            throw new BadInputException(
                    "SLUICE_PORT is 0 (any free port), so the gateway's port is not known here: pass"
                            + " --url with the address `sluice up` printed");
        }
        String host = platform.host();
        if (host.equals("0.0.0.0")) {
            host = "127.0.0.1";
        } else if (host.equals("::") || host.equals("[::]")) {
            host = "[::1]";
        } else if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return parse("http://" + host + ":" + platform.port());
    }

    private static URI parse(String text) throws BadInputException {
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new BadInputException("--url: \"" + text + "\" is not a URL (" + e.getReason()
                    + "; expected: e.g. http://127.0.0.1:8080)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean hasPath = uri.getRawPath() != null && !uri.getRawPath().isEmpty();
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || hasPath) {
            throw new BadInputException(
                    "--url: \"" + text + "\" is not a gateway address (expected: e.g. http://127.0.0.1:8080)");
        }
        return uri;
    }
}
