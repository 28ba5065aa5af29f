package dev.sluice.runtime.java;

import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /specialize}: binds a stem cell to its function's environment, once, before its first call. The body
 * is the environment a fresh instance of the function would have had (its {@code env} and the platform's
 * {@code FC_*} variables) as a form ({@code NAME=value&...}, URL-encoded): what FC's per-call {@code x-fc-*}
 * headers cannot carry. Handler, initializer and the rest come with every call as usual, and the
 * code is already under {@code FC_FUNC_CODE_PATH}.
 */
final class SpecializeHandler extends CallHandler {
    private final Specialization specialization = new Specialization();

    SpecializeHandler(LogWriter log) {
        super(log, "Specialize");
    }

    @Override
    Reply call(HttpExchange exchange, String requestId, byte[] body) throws Exception {
        specialization.apply(parse(new String(body, StandardCharsets.US_ASCII)));
        return Replies.result(new byte[0]);
    }

    static Map<String, String> parse(String form) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (form.isBlank()) {
            return variables;
        }
        for (String pair : form.strip().split("&", -1)) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("specialize: a variable without a name in \"" + pair + "\"");
            }
            variables.put(name, value);
        }
        return variables;
    }

    /** The one specialization a process may have. */
    private static final class Specialization {
        private boolean done; // guarded by this

        synchronized void apply(Map<String, String> variables) throws ReflectiveOperationException {
            if (done) {
                throw new IllegalStateException(
                        "this instance is already specialized; a stem cell serves one function");
            }
            ProcessEnv.putAll(variables);
            done = true;
        }
    }
}
