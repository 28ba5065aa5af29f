package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.FunctionVersion;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.serving.v1.TrafficTarget;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gray release on a cluster: each version an alias uses is a revision, the main alias splits the Service's URL. */
class ReleaseExportTest {
    private static final Path CODE = Path.of("/project/hello");

    private static FunctionSpec hello(Path code, int memoryMb) {
        return FunctionSpec.builder("hello", code, "index.handler")
                .runtime(Runtime.NODEJS20)
                .memoryMb(memoryMb)
                .build();
    }

    private static FunctionVersion version(String id, int memoryMb) {
        return new FunctionVersion(
                "hello", id, "", Instant.EPOCH, hello(Path.of("/home/releases/hello/v" + id + "/hello"), memoryMb), "");
    }

    private static Alias alias(String name, String version, Map<String, Double> weights) {
        return new Alias("hello", name, version, weights, "", Instant.EPOCH);
    }

    @Test
    void theVersionsAnAliasUsesAreRevisionsAndTheMainAliasSplitsTheUrl() throws Exception {
        List<Alias> aliases = List.of(alias("prod", "1", Map.of("2", 0.1)), alias("beta", "3", Map.of()));
        List<FunctionVersion> published =
                List.of(version("1", 128), version("2", 256), version("3", 512), version("4", 64));
        List<String> notes = new ArrayList<>();
        List<AliasRoute> routes = new ArrayList<>();
        aliases.forEach(alias -> routes.add(ReleaseExport.route(alias, notes)));
        List<ReleaseExport.Version> versions = new ArrayList<>();
        for (FunctionVersion version : ReleaseExport.versionsUsed(aliases, published)) {
            versions.add(new ReleaseExport.Version(version.id(), version.spec(), "r/hello:v" + version.id()));
        }

        KnativeExport.Result result = KnativeExport.manifests(
                new FunctionsDocument(List.of(hello(CODE, 128))),
                "functions.yml",
                Map.of("hello", "r/hello:latest"),
                Map.of("hello", new ReleaseExport(routes, versions, notes)),
                "prod");

        assertThat(result.files())
                .extracting(ManifestFile::fileName)
                .as("the versions' revisions first, in the order kubectl applies a directory")
                .containsExactly("hello-v1.yaml", "hello-v2.yaml", "hello-v3.yaml", "hello.yaml")
                .isSortedAccordingTo(String::compareTo);
        assertThat(notes).isEmpty();
        Service v2 = read(result, "hello-v2.yaml");
        assertThat(v2.getSpec().getTemplate().getMetadata().getName()).isEqualTo("hello-v2");
        assertThat(v2.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("r/hello:v2");
        assertThat(v2.getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getResources()
                        .getLimits()
                        .get("memory"))
                .hasToString("256Mi");
        assertThat(v2.getSpec().getTraffic()).isNullOrEmpty();

        Service latest = read(result, "hello.yaml");
        assertThat(latest.getSpec().getTemplate().getMetadata().getName()).isNull();
        assertThat(latest.getSpec().getTraffic())
                .extracting(TrafficTarget::getTag, TrafficTarget::getRevisionName, TrafficTarget::getPercent)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("latest", null, 0L),
                        org.assertj.core.groups.Tuple.tuple("prod", "hello-v1", 90L),
                        org.assertj.core.groups.Tuple.tuple("beta", "hello-v3", 0L),
                        org.assertj.core.groups.Tuple.tuple(null, "hello-v2", 10L));
    }

    @Test
    void sharesAreWholePercentsAndWhatRoundingChangedIsSaid() {
        List<String> notes = new ArrayList<>();

        AliasRoute route = ReleaseExport.route(alias("prod", "1", Map.of("2", 0.125, "3", 0.004)), notes);

        assertThat(route.additionalWeightsPercent()).containsExactly(Map.entry("2", 13));
        assertThat(notes)
                .containsExactlyInAnyOrder(
                        "alias prod of hello sends version 2 12.5% of its calls; a traffic block takes whole"
                                + " percents, so 13%",
                        "alias prod of hello sends version 3 0.4% of its calls; a traffic block takes whole"
                                + " percents, so none");
    }

    private static Service read(KnativeExport.Result result, String fileName) throws Exception {
        ManifestFile file = result.files().stream()
                .filter(f -> f.fileName().equals(fileName))
                .findFirst()
                .orElseThrow();
        return (Service) ManifestYaml.read(ManifestYaml.write(file)).get(0);
    }
}
