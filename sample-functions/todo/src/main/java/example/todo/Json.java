package example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** The one JSON mapper of the functions, and request bodies read into JSON objects whatever their encoding. */
final class Json {
    /** Thread-safe once configured, as Jackson documents; configured here and nowhere else. */
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Returns a new empty JSON object. */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Returns a new empty JSON array. */
    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Returns {@code node} as compact UTF-8 JSON. */
    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    /**
     * Returns the request's body as a JSON object: a form body becomes an object of strings (a repeated name becomes
     * an array), an empty body an empty object, anything else must be a JSON object.
     *
     * @throws RejectedRequest 400 if the body is neither
     */
    static ObjectNode bodyOf(ApiRequest request) {
        byte[] body = request.body();
        if (request.hasFormBody()) {
            return formObject(new String(body, StandardCharsets.UTF_8));
        }
        if (body.length == 0) {
            return object();
        }
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw RejectedRequest.badRequest("the body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a byte array cannot fail", e);
        }
        if (parsed instanceof ObjectNode object) {
            return object;
        }
        throw RejectedRequest.badRequest("the body must be a JSON object");
    }

    private static ObjectNode formObject(String text) {
        Map<String, List<String>> fields;
        try {
            fields = UrlEncoded.parse(text);
        } catch (IllegalArgumentException e) {
            throw RejectedRequest.badRequest("the form body is not valid percent-encoding");
        }
        ObjectNode object = object();
        fields.forEach((name, values) -> {
            if (values.size() == 1) {
                object.put(name, values.get(0));
            } else {
                ArrayNode array = object.putArray(name);
                values.forEach(array::add);
            }
        });
        return object;
    }
}
