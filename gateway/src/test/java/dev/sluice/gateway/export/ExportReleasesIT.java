package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.SluiceProcess;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.release.ReleaseBook;
import dev.sluice.testing.ManualClock;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice export knative} as a user runs it after a gray release: the versions and the alias the state
 * directory keeps become revisions of their own and the traffic block, and every version's image is built.
 */
class ExportReleasesIT {
    private static final Pattern IMAGE = Pattern.compile("^image (\\S+) \\(function hello(?: version \\d+)?\\)$");

    @TempDir
    Path dir;

    private final List<String> images = new ArrayList<>();

    @AfterEach
    void removeTheImages() throws Exception {
        for (String image : images) {
            Process rmi = new ProcessBuilder("docker", "rmi", image)
                    .redirectErrorStream(true)
                    .start();
            rmi.getInputStream().readAllBytes();
            rmi.waitFor(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void theAliasesVersionsAreRevisionsAndItsSplitTheTraffic() throws Exception {
        DockerEngine.connectOrSkip().close();
        Path file = dir.resolve("functions.yml");
        Files.writeString(
                file, "functions:\n  hello:\n    runtime: nodejs20\n    code: ./hello\n    handler: index.handler\n");
        answer("one");
        Path home = dir.resolve("home");
        FunctionsDocument document = FunctionsDocument.load(file);
        ReleaseBook book = ReleaseBook.open(
                home, new ManualClock(), name -> document.function(name).orElse(null));
        FunctionVersion one = book.publish("hello", "one");
        answer("two");
        book.publish("hello", "two");
        answer("three");
        book.setAlias("hello", "prod", "1", Map.of("2", 0.1), "");

        Path out = dir.resolve("knative");
        List<String> output = export(home, file, out);

        assertThat(images)
                .as("LATEST's, version 1's and version 2's: three contents")
                .hasSize(3);
        assertThat(output)
                .contains("  kubectl apply -f " + out.resolve("hello-v1.yaml")
                        + " && kubectl wait --for=condition=Ready revision/hello-v1")
                .contains("  kubectl apply -f " + out);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("hello-v1.yaml", "hello-v2.yaml", "hello.yaml");
        }
        Service v1 = read(out.resolve("hello-v1.yaml"));
        assertThat(v1.getSpec().getTemplate().getMetadata().getName()).isEqualTo("hello-v1");
        assertThat(images)
                .contains(v1.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage());
        assertThat(one.spec().code()).startsWith(home);
        assertThat(read(out.resolve("hello.yaml")).getSpec().getTraffic())
                .extracting(TrafficTarget::getRevisionName, TrafficTarget::getPercent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(null, 0L),
                        org.assertj.core.groups.Tuple.tuple("hello-v1", 90L),
                        org.assertj.core.groups.Tuple.tuple("hello-v2", 10L));
    }

    /** Runs the export as a user would, keeps the images it names for removal, and returns what it printed. */
    private List<String> export(Path home, Path file, Path out) throws Exception {
        List<String> args =
                List.of("export", "knative", "-f", file.toString(), "-o", out.toString(), "--traffic", "prod");
        try (SluiceProcess export =
                SluiceProcess.start(Map.of("SLUICE_HOME", home.toString()), dir, args.toArray(String[]::new))) {
            int status = export.awaitExit(Duration.ofMinutes(5));
            List<String> output = export.output();
            for (String line : output) {
                Matcher image = IMAGE.matcher(line);
                if (image.matches() && !images.contains(image.group(1))) {
                    images.add(image.group(1));
                }
            }
            assertThat(status).as(String.join("\n", output)).isZero();
            return output;
        }
    }

    private void answer(String text) throws IOException {
        Path code = Files.createDirectories(dir.resolve("hello"));
        Files.writeString(
                code.resolve("index.js"),
                "exports.handler = (event, context, callback) => callback(null, '" + text + "');\n",
                StandardCharsets.UTF_8);
    }

    private static Service read(Path file) throws IOException {
        return (Service) ManifestYaml.read(Files.readString(file)).get(0);
    }
}
