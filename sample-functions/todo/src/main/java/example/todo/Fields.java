package example.todo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Typed fields of a request body. Form bodies carry only strings, so numbers are read from JSON numbers and from
 * numeric strings alike. Every problem is a 400 that names the field.
 */
final class Fields {
    /** Integers of up to nine digits, which always fit an int. */
    private static final Pattern SMALL_INTEGER = Pattern.compile("-?[0-9]{1,9}");

    private Fields() {}

    /** Returns text field {@code name}, or null if absent or JSON null; numbers and booleans become text. */
    static @Nullable String text(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw RejectedRequest.badRequest(name + ": expected text");
        }
        return value.asText();
    }

    /** Returns text field {@code name}, which must be present and not blank. */
    static String requiredText(ObjectNode body, String name) {
        String value = text(body, name);
        if (value == null || value.isBlank()) {
            throw RejectedRequest.badRequest(name + ": required");
        }
        return value;
    }

    /** Returns integer field {@code name}, or null if absent. */
    static @Nullable Integer integer(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            return value.intValue();
        }
        if (value.isTextual()
                && SMALL_INTEGER.matcher(value.textValue().strip()).matches()) {
            return Integer.valueOf(value.textValue().strip());
        }
        throw RejectedRequest.badRequest(name + ": " + value + " (expected: an integer)");
    }

    /** Returns field {@code name} as a list of strings: an array of them, or one string; empty if absent. */
    static List<String> texts(ObjectNode body, String name) {
        JsonNode value = body.get(name);
        List<String> texts = new ArrayList<>();
        if (value == null || value.isNull()) {
            return texts;
        }
        if (value.isValueNode()) {
            texts.add(value.asText());
            return texts;
        }
        if (!value.isArray()) {
            throw RejectedRequest.badRequest(name + ": expected a list");
        }
        for (JsonNode element : value) {
            if (!element.isValueNode() || element.isNull()) {
                throw RejectedRequest.badRequest(name + ": expected a list of strings");
            }
            texts.add(element.asText());
        }
        return texts;
    }
}
