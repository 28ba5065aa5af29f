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
 * <p>One entry per function name, replaced when a call comes for another version of the function. A version is told
 * by the identity of its spec, so no record is hashed field by field on the way.
 */
final class FcRequestHeaders {
    private final Map<String, Prepared> byFunction = new ConcurrentHashMap<>();

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
        Prepared prepared = byFunction.get(function.name());
        if (prepared == null || prepared.function() != function) {
            prepared = made(function);
            byFunction.put(function.name(), prepared);
        }
        return prepared;
    }

    private static Prepared made(FunctionSpec function) {
        // Checked here, once: a value from the function's YAML must not carry a line break into a request.
        HttpHeaders headers = DefaultHttpHeadersFactory.headersFactory().newHeaders();
        FcHeaders.of(function).forEach((name, value) -> headers.add(AsciiString.of(name), AsciiString.of(value)));
        List<AsciiString> names = headers.names().stream().map(AsciiString::of).toList();
        return new Prepared(function, headers, names);
    }
}
