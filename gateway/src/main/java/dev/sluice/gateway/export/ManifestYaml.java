package dev.sluice.gateway.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the model's objects as YAML and reads them back, through Jackson and the annotations fabric8's model
 * classes carry; no YAML is built by hand. Annotation values such as {@code "100"} stay quoted strings, as
 * Kubernetes wants them.
 */
public final class ManifestYaml {
    /** The classes of the kinds the export writes, by {@code apiVersion/kind}. */
    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "serving.knative.dev/v1/Service", io.fabric8.knative.serving.v1.Service.class,
            "apps/v1/Deployment", Deployment.class,
            "v1/Service", io.fabric8.kubernetes.api.model.Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class);

    private static final ObjectMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .build())
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private ManifestYaml() {}

    /** Returns the file's text: its comments as {@code #} lines, then each object, separated by {@code ---}. */
    public static String write(ManifestFile file) {
        StringBuilder text = new StringBuilder();
        for (String comment : file.comments()) {
            text.append(comment.isEmpty() ? "#" : "# " + comment).append('\n');
        }
        boolean first = true;
        for (HasMetadata object : file.objects()) {
            if (!first) {
                text.append("---\n");
            }
            first = false;
            try {
                text.append(MAPPER.writeValueAsString(object));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException("cannot write " + object.getKind() + " " + name(object), e);
            }
        }
        return text.toString();
    }

    /**
     * Returns the objects of a file {@link #write} wrote (or any of the same kinds), each as its model class.
     *
     * @throws IOException when the text is not YAML, or a document's kind is not one the export writes
     */
    public static List<HasMetadata> read(String text) throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> documents =
                MAPPER.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document == null || document.isEmpty()) {
                    continue;
                }
                String kind = document.path("apiVersion").asText() + "/"
                        + document.path("kind").asText();
                Class<? extends HasMetadata> type = KINDS.get(kind);
                if (type == null) {
                    throw new IOException("unknown kind " + kind + " (expected: one of " + KINDS.keySet() + ")");
                }
                objects.add(MAPPER.treeToValue(document, type));
            }
        }
        return objects;
    }

    private static String name(HasMetadata object) {
        return object.getMetadata() == null ? "(unnamed)" : object.getMetadata().getName();
    }
}
