package dev.sluice.runtime.java;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * JSON for Pojo handlers. This is the only class that touches Jackson, so Jackson is loaded on the first Pojo
 * call rather than at startup.
 */
final class PojoCodec {
    /**
     * Lenient where FC functions expect it: events often carry more fields than the function's class, and a
     * result object without properties should still come back as {@code {}}.
     */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private PojoCodec() {}

    /** Returns the event parsed as {@code type}, which may be generic ({@code List<Todo>}). */
    static Object read(byte[] event, Type type) throws IOException {
        return MAPPER.readValue(event, MAPPER.constructType(type));
    }

    /** Returns the JSON string literal's value, or the text unchanged if it is not one ({@code "a" "b"}). */
    static String readString(String text) {
        try {
            return MAPPER.readValue(text, String.class);
        } catch (JsonProcessingException notOneLiteral) {
            return text;
        }
    }

    /** Returns {@code value} as JSON bytes. */
    static byte[] write(Object value) throws JsonProcessingException {
        return MAPPER.writeValueAsBytes(value);
    }
}
