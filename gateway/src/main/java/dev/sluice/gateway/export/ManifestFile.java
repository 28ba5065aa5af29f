package dev.sluice.gateway.export;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;

/**
 * One file of the export: what a function or a service becomes, and the comment lines above it.
 *
 * @param fileName the file's name in the output directory, e.g. {@code todo.yaml}
 * @param comments what the reader should know first (the source, what is not expressed), one line each
 * @param objects the Kubernetes objects, written one YAML document each; unmodifiable
 */
public record ManifestFile(String fileName, List<String> comments, List<HasMetadata> objects) {
    public ManifestFile {
        comments = List.copyOf(comments);
        objects = List.copyOf(objects);
    }
}
