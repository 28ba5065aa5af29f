package dev.sluice.gateway.invoke;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.FcHeaders;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * FC's headers of each deployed function version (name, handler, memory, timeouts, ...), made and checked once per
 * version rather than on every call: each call copies them in one step into its request, without checking each name
 * and value again, and the encoder copies their ASCII bytes as they are.
 *
 * <p>A few entries per function name: what is deployed and the published versions a gray release sends calls to side
 * by side, the least recently made dropped past {@link #VERSIONS_KEPT}. A version is told by the identity of its spec,
 * so no record is hashed field by field on the way. The qualifier and version id are the call's, set by the caller.
 */
final class FcRequestHeaders {
    private static final int VERSIONS_KEPT = 4;

    private final Map<String, Prepared[]> byFunction = new ConcurrentHashMap<>();

    private record Prepared(FunctionSpec function, HttpHeaders headers, List<AsciiString> names) {}

    /** Replaces in {@code headers} every FC header of {@code function} with the function's value. */
    void setOn(HttpHeaders headers, FunctionSpec function) {
        Prepared fc = of(function);
        for (AsciiString name : fc.names()) {
            headers.remove(name); // a client's own x-fc-* header, through an HTTP trigger, does not override
        }
        headers.add(fc.headers());
    }

    @SuppressWarnings("ReferenceEquality") // a deployed version is one spec object; equals would compare every field
    private Prepared of(FunctionSpec function) {
        Prepared[] versions = byFunction.get(function.name());
        if (versions != null) {
            for (Prepared prepared : versions) {
                if (prepared.function() == function) {
                    return prepared;
                }
            }
        }
        Prepared prepared = made(function);
        int kept = versions == null ? 0 : Math.min(versions.length, VERSIONS_KEPT - 1);
        Prepared[] next = new Prepared[kept + 1];
        next[0] = prepared;
        if (kept > 0) {
            System.arraycopy(versions, 0, next, 1, kept);
        }
        byFunction.put(function.name(), next);
        return prepared;
    }

    private static Prepared made(FunctionSpec function) {
        // Checked here, once: a value from the function's YAML must not carry a line break into a request.
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        FcHeaders.of(function).forEach((name, value) -> {
            if (!name.equals(FcHeaders.QUALIFIER) && !name.equals(FcHeaders.VERSION_ID)) {
                headers.add(AsciiString.of(name), AsciiString.of(value));
            }
        });
        List<AsciiString> names = headers.names().stream().map(AsciiString::of).toList();
        return new Prepared(function, headers, names);
    }
}
