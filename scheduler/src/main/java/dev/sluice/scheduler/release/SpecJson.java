package dev.sluice.scheduler.release;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.sluice.config.function.TimerSchedule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;

/**
 * The JSON a version's spec is kept in. A published version is what was deployed then, and the document it came
 * from may change or go away since, so the parsed spec itself is kept, every record component by its name; the few
 * value types without a JSON form of their own are written as the text they parse from (a duration as {@code PT30S},
 * a schedule as written).
 */
final class SpecJson {
    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new SimpleModule("sluice-spec")
                    .addSerializer(Duration.class, new AsText<>())
                    .addDeserializer(Duration.class, new FromText<>(Duration.class, Duration::parse))
                    .addSerializer(Instant.class, new AsText<>())
                    .addDeserializer(Instant.class, new FromText<>(Instant.class, Instant::parse))
                    .addSerializer(TimerSchedule.class, new AsText<>())
                    .addDeserializer(TimerSchedule.class, new FromText<>(TimerSchedule.class, TimerSchedule::parse)))
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A file a later Sluice wrote may know more; what this one knows is read all the same.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SpecJson() {}

    /** Writes a value as its {@code toString()}. */
    private static final class AsText<T> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.toString());
        }
    }

    /** Reads a value from its text. */
    private static final class FromText<T> extends JsonDeserializer<T> {
        private final Class<T> type;
        private final Function<String, T> parse;

        FromText(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = parser.getValueAsString();
            try {
                return parse.apply(text);
            } catch (RuntimeException e) {
                throw context.weirdStringException(text, type, String.valueOf(e.getMessage()));
            }
        }
    }
}
