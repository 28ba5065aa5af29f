package dev.sluice.gateway.export;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.ServiceSpec;
import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Turns a document into the manifests that run it on Knative: a file per function (its Knative Service) and per
 * backing service (Deployment, Service, claims), each headed by comments naming what it could not express.
 *
 * <p>Pure: images are given by name, nothing is read or built here, so that the same document always gives the
 * same text (the golden files in the gateway's tests).
 */
public final class KnativeExport {
    private KnativeExport() {}

    /**
     * What an export wrote and has to say.
     *
     * @param files one per function, then one per service, in document order
     * @param unexpressed every line of what was not expressed, prefixed with its function, for the console
     * @param secrets the names of the Secrets the manifests refer to, which must exist in the namespace
     */
    public record Result(List<ManifestFile> files, List<String> unexpressed, Set<String> secrets) {
        public Result {
            files = List.copyOf(files);
            unexpressed = List.copyOf(unexpressed);
            secrets = Set.copyOf(new LinkedHashSet<>(secrets));
        }
    }

    /**
     * Returns the manifests of {@code document}.
     *
     * @param source how the comments name the document, e.g. {@code functions.yml}
     * @param images the image of each function and service, by name
     * @param releases each function's aliases and the versions they use (none for a function not in it), which
     *     become its traffic block and a revision per version
     * @param mainAlias the alias whose split the Services' own URLs take, for the functions that have it; null: LATEST
     *     takes it all
     * @throws IllegalArgumentException when a function or service has no image in {@code images}
     */
    public static Result manifests(
            FunctionsDocument document,
            String source,
            Map<String, String> images,
            Map<String, ReleaseExport> releases,
            @Nullable String mainAlias) {
        List<ManifestFile> files = new ArrayList<>();
        List<String> unexpressed = new ArrayList<>();
        Set<String> secrets = new LinkedHashSet<>();
        for (String line : Unexpressed.ofDocument(document.prewarm())) {
            unexpressed.add(source + ": " + line);
        }
        for (FunctionSpec function : document.functions()) {
            ReleaseExport release = releases.get(function.name());
            List<AliasRoute> routes = release == null ? List.of() : release.aliases();
            String main = routes.stream().anyMatch(r -> r.name().equals(mainAlias)) ? mainAlias : null;
            List<TrafficTarget> traffic =
                    routes.isEmpty() ? List.of() : TrafficTargets.of(function.name(), routes, main);
            List<String> notes = new ArrayList<>(Unexpressed.of(function));
            notes.addAll(TrafficTargets.unexpressed(function.name(), routes, main));
            if (release != null) {
                notes.addAll(release.notes());
                for (ReleaseExport.Version version : release.versions()) {
                    files.add(versionFile(function, version, source));
                }
            }
            notes.forEach(line -> unexpressed.add(function.name() + ": " + line));
            List<String> comments = new ArrayList<>();
            comments.add("Function " + function.name() + " ("
                    + function.runtime().id() + ") of " + source + ", exported by sluice export knative.");
            comments.addAll(secretLines(function.secrets(), secrets));
            comments.addAll(notLines(notes));
            files.add(new ManifestFile(
                    function.name() + ".yaml",
                    comments,
                    List.of(FunctionManifest.of(function, image(images, function.name()), traffic))));
        }
        for (ServiceSpec service : document.services()) {
            List<String> comments = new ArrayList<>();
            comments.add("Service " + service.name() + " (" + service.runtime().id() + ") of " + source
                    + ", exported by sluice export knative: one pod, reached as " + service.name() + ":"
                    + service.port() + " in the namespace.");
            comments.addAll(secretLines(service.secrets(), secrets));
            List<HasMetadata> objects = ServiceManifests.of(service, image(images, service.name()));
            if (!service.volumes().isEmpty()) {
                comments.add("Each volume is a PersistentVolumeClaim of " + ServiceManifests.VOLUME_SIZE
                        + " (Sluice's volumes have no size): change it before the first apply.");
            }
            files.add(new ManifestFile("service-" + service.name() + ".yaml", comments, objects));
        }
        return new Result(files, unexpressed, secrets);
    }

    /**
     * Returns the file of a published version: the function's Service with that version's spec and image, its
     * revision named for the traffic blocks. Its name sorts before the function's own file, so {@code kubectl apply
     * -f DIR} makes the revision before the traffic that names it.
     */
    private static ManifestFile versionFile(FunctionSpec function, ReleaseExport.Version version, String source) {
        String revision = TrafficTargets.revisionName(function.name(), version.id());
        List<String> comments = List.of(
                "Version " + version.id() + " of function " + function.name() + " of " + source + ", exported by"
                        + " sluice export knative: applied, it makes the revision " + revision + ", which the"
                        + " traffic of " + function.name() + ".yaml names.",
                "Apply it and wait for the revision to be ready (kubectl wait --for=condition=Ready revision/"
                        + revision + ") before the next file: Knative makes a revision of the last template it"
                        + " sees, and may skip one replaced at once.");
        return new ManifestFile(
                revision + ".yaml",
                comments,
                List.of(FunctionManifest.of(version.spec(), version.image(), List.of(), revision)));
    }

    private static String image(Map<String, String> images, String name) {
        String image = images.get(name);
        if (image == null) {
            throw new IllegalArgumentException("images: no image for " + name + " (expected: one per function and"
                    + " service, got " + images.keySet() + ")");
        }
        return image;
    }

    private static List<String> secretLines(Map<String, String> secretsByVariable, Set<String> all) {
        List<String> lines = new ArrayList<>();
        secretsByVariable.forEach((variable, secret) -> {
            String name = Kube.secretName(secret);
            all.add(name);
            lines.add(variable + " is the key " + Kube.SECRET_KEY + " of the Secret " + name + " (Sluice's secret "
                    + secret + "), which must exist first.");
        });
        return lines;
    }

    private static List<String> notLines(List<String> notes) {
        List<String> lines = new ArrayList<>();
        if (!notes.isEmpty()) {
            lines.add("Not expressed here:");
            for (String note : notes) {
                lines.add("- " + note);
            }
        }
        return lines;
    }
}
