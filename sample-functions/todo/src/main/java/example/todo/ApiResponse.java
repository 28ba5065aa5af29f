package example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP response: status, extra headers (Content-Type is always JSON and not listed) and a JSON body.
 *
 * @param headers extra headers in the order set, e.g. {@code Set-Cookie} or {@code Allow}
 */
record ApiResponse(int status, Map<String, String> headers, JsonNode body) {
    ApiResponse {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** Returns a response with {@code body} and no extra headers. */
    static ApiResponse json(int status, JsonNode body) {
        return new ApiResponse(status, Map.of(), body);
    }

    /** Returns a {@code 200} with {@code body}. */
    static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    /**
     * Returns the error shape the todo client reads, {@code {"success": false, "message": ...}}; the same shape as
     * the write refusal {@code 403 {"success": false, "message": "JWT token auth failed"}}.
     */
    static ApiResponse failure(int status, String message) {
        ObjectNode body = Json.object().put("success", false).put("message", message);
        return json(status, body);
    }

    /** Returns the 503 a handler gives when its initializer did not run or did not succeed. */
    static ApiResponse notInitialized() {
        return failure(503, "the function is not initialized (its initializer did not run or failed)");
    }

    /** Returns a copy with header {@code name} set to {@code value}. */
    ApiResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new ApiResponse(status, copy, body);
    }

    /** Returns header {@code name} exactly as set, or null. */
    @Nullable
    String header(String name) {
        return headers.get(name);
    }
}
