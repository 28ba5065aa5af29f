package dev.sluice.runtime.java;

/**
 * Writes JSON string literals. Error bodies are built with this rather than Jackson so that a runtime whose
 * functions are all stream handlers never loads Jackson (about 30 ms of class loading on a cold start).
 */
final class JsonText {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonText() {}

    /** Appends {@code value} as a quoted, escaped JSON string. */
    static StringBuilder quote(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        // U+2028 and U+2029 are valid JSON but end a line in JavaScript readers.
                        out.append("\\u")
                                .append(HEX[(c >> 12) & 0xf])
                                .append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf])
                                .append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }

    /** Returns {@code {"errorMessage": message}}, the body of a protocol (not function) error. */
    static String errorMessage(String message) {
        return quote(new StringBuilder("{\"errorMessage\":"), message)
                .append('}')
                .toString();
    }
}
