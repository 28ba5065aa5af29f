package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reads every Kubernetes manifest in {@code docs/*.md} (fenced {@code ```yaml manifest}) with the export's own model,
 * and holds each to the golden file it shows, so the docs cannot drift from what the export writes.
 */
class ClusterDocsTest {
    private static final Path DOCS = Path.of("").toAbsolutePath().resolveSibling("docs");
    private static final Path GOLDEN = Path.of("src/test/resources/export/knative");

    @Test
    void everyManifestInTheDocsReadsBackAndIsAGoldenFile() throws IOException {
        List<String> manifests = new ArrayList<>();
        try (Stream<Path> files = Files.list(DOCS)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                manifests.addAll(manifests(Files.readAllLines(file, StandardCharsets.UTF_8)));
            }
        }
        List<String> golden = new ArrayList<>();
        try (Stream<Path> files = Files.list(GOLDEN)) {
            for (Path file : files.sorted().toList()) {
                golden.add(Files.readString(file, StandardCharsets.UTF_8));
            }
        }

        assertThat(manifests).as("manifests in %s", DOCS).isNotEmpty();
        for (String manifest : manifests) {
            List<HasMetadata> objects = ManifestYaml.read(manifest);
            assertThat(objects).isNotEmpty();
            assertThat(golden).as("a golden file").contains(manifest);
        }
    }

    private static List<String> manifests(List<String> lines) {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```yaml manifest")) {
                continue;
            }
            int end = i + 1;
            while (!lines.get(end).strip().equals("```")) {
                end++;
            }
            blocks.add(String.join("\n", lines.subList(i + 1, end)) + "\n");
            i = end;
        }
        return blocks;
    }
}
