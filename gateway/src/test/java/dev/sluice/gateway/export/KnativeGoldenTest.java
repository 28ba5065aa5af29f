package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionsDocument;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample app's manifests, compared with the files under {@code src/test/resources/export/knative/}. After an
 * intended change, {@code -Dsluice.export.updateGolden=true} rewrites them; review the diff before committing.
 */
class KnativeGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/export/knative");

    @TempDir
    Path codeDir;

    @Test
    void sampleAppManifestsMatchTheGoldenFiles() throws Exception {
        FunctionsDocument document = SampleApp.document(codeDir);
        KnativeExport.Result result = SampleApp.export(document);
        boolean update = Boolean.getBoolean("sluice.export.updateGolden");
        for (ManifestFile file : result.files()) {
            String text = ManifestYaml.write(file);
            Path golden = GOLDEN.resolve(file.fileName());
            if (update) {
                Files.writeString(golden, text, StandardCharsets.UTF_8);
            }
            assertThat(golden).as("golden file for %s", file.fileName()).exists();
            assertThat(text).as(file.fileName()).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
        }
        try (var listed = Files.list(GOLDEN)) {
            assertThat(listed.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("no golden file without its manifest")
                    .isEqualTo(result.files().stream()
                            .map(ManifestFile::fileName)
                            .sorted()
                            .toList());
        }
    }

    @Test
    void annotationValuesStayQuotedStrings() throws Exception {
        String todo = ManifestYaml.write(
                SampleApp.export(SampleApp.document(codeDir)).files().get(2));
        assertThat(todo)
                .contains("autoscaling.knative.dev/target: \"10\"")
                .contains("autoscaling.knative.dev/target-utilization-percentage: \"100\"")
                .contains("autoscaling.knative.dev/min-scale: \"0\"");
    }

    @Test
    void theConsoleHearsWhatTheCommentsSay() throws Exception {
        KnativeExport.Result result = SampleApp.export(SampleApp.document(codeDir));
        List<String> todoNotes = result.unexpressed().stream()
                .filter(line -> line.startsWith("todo: "))
                .toList();
        assertThat(todoNotes).hasSize(1);
        assertThat(ManifestYaml.write(result.files().get(2)))
                .contains(todoNotes.get(0).substring("todo: ".length()));
        assertThat(result.secrets()).containsExactly("jwt");
    }
}
