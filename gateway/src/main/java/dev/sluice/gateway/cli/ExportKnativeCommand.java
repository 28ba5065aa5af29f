package dev.sluice.gateway.cli;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.ServiceSpec;
import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.export.AliasRoute;
import dev.sluice.gateway.export.ExportImages;
import dev.sluice.gateway.export.ImageEngine;
import dev.sluice.gateway.export.KnativeExport;
import dev.sluice.gateway.export.ManifestFile;
import dev.sluice.gateway.export.ManifestYaml;
import dev.sluice.gateway.export.ReleaseExport;
import dev.sluice.gateway.export.TrafficTargets;
import dev.sluice.gateway.setup.EngineSetup;
import dev.sluice.gateway.setup.SetupException;
import dev.sluice.scheduler.SystemClock;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.release.ReleaseBook;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sluice export knative}: builds each function's and service's image and writes the Kubernetes manifests
 * that run the document on Knative, then says what to push and apply. It pushes and applies nothing itself.
 */
@Command(
        name = "knative",
        mixinStandardHelpOptions = true,
        description = {
            "Build an image per function and service (the runtime plus the code) and write Knative manifests.",
            "Nothing is pushed or applied: the command prints the docker push and kubectl apply to run."
        },
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {Main.EXIT_0_HELP, Main.EXIT_1_HELP, Main.EXIT_2_HELP, Main.EXIT_3_HELP})
final class ExportKnativeCommand implements Callable<Integer> {
    static final String DEFAULT_REGISTRY = "localhost:5000";
    /** A registry host (with a port) and an optional path, as image references write them; no scheme. */
    private static final Pattern REGISTRY =
            Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?(/[a-z0-9]+([._-][a-z0-9]+)*)*");

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "the document to export (default: as for sluice up)")
    @Nullable
    Path file;

    @Option(
            names = "--registry",
            paramLabel = "REGISTRY",
            description = "where the images will be pushed, e.g. registry.example.com/team (default: "
                    + DEFAULT_REGISTRY + ")")
    String registry = DEFAULT_REGISTRY;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "DIR",
            description = "the directory the manifests are written to (default: ./knative)")
    Path output = Path.of("knative");

    @Option(
            names = "--traffic",
            paramLabel = "ALIAS",
            description = "the alias whose split each Service's own URL takes, e.g. prod (default: LATEST takes it"
                    + " all; every alias gets a URL of its own either way)")
    @Nullable
    String traffic;

    @Option(
            names = "--no-engine-setup",
            description = "only use an engine that answers; start or install nothing (also SLUICE_ENGINE_SETUP=0)")
    boolean noEngineSetup;

    @ParentCommand
    @SuppressWarnings("NullAway.Init")
    ExportCommand export;

    @Override
    public Integer call() {
        Surroundings surroundings = export.main.surroundings();
        ConsoleOutput out = new ConsoleOutput(surroundings.console(), surroundings.stdoutIsTerminal());
        Map<String, String> env = surroundings.env();
        if (!REGISTRY.matcher(registry).matches()) {
            out.problem("sluice export knative: --registry " + registry + " is not a registry (expected: a host with"
                    + " an optional port and path, no scheme, e.g. " + DEFAULT_REGISTRY + " or"
                    + " registry.example.com/team)");
            return Main.EXIT_BAD_INPUT;
        }
        Path workingDir = Path.of("").toAbsolutePath();
        Path functions = file != null ? file : UpCommand.defaultFunctions(env, workingDir);
        FunctionsDocument document;
        try {
            Path fileDir = FunctionsDocument.directoryOf(functions);
            document = FunctionsDocument.parse(
                    FunctionsDocument.read(functions),
                    functions.toString(),
                    fileDir,
                    CodeRoots.of(fileDir, workingDir));
        } catch (ConfigException e) {
            out.problem(String.valueOf(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        DockerContainerRuntime docker;
        PlatformConfig platform;
        try {
            platform = PlatformConfig.fromEnvironment(env, surroundings.userHome());
            boolean setup = !noEngineSetup && EngineSetup.allowedBy(env);
            docker = new EngineSetup(env, platform.home(), out, setup).ensure();
        } catch (IllegalArgumentException e) {
            out.problem("sluice: " + e.getMessage() + "; fix or unset it, then try again.");
            return Main.EXIT_BAD_INPUT;
        } catch (SetupException e) {
            out.problem("sluice: " + e.getMessage());
            return Main.EXIT_NO_DOCKER;
        }
        try (docker) {
            return export(document, functions, platform.home(), new ExportImages(engine(docker), registry), out);
        } catch (ImageBuildException | IOException e) {
            out.problem("sluice export knative: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    private int export(FunctionsDocument document, Path functions, Path home, ExportImages builder, ConsoleOutput out)
            throws IOException {
        Map<String, String> images = new LinkedHashMap<>();
        for (FunctionSpec function : document.functions()) {
            images.put(function.name(), builder.function(function));
            out.say("image " + images.get(function.name()) + " (function " + function.name() + ")");
        }
        for (ServiceSpec service : document.services()) {
            images.put(service.name(), builder.service(service));
            out.say("image " + images.get(service.name()) + " (service " + service.name() + ")");
        }
        Map<String, ReleaseExport> releases = releases(document, home, builder, out);
        KnativeExport.Result result =
                KnativeExport.manifests(document, String.valueOf(functions.getFileName()), images, releases, traffic);
        Files.createDirectories(output);
        for (ManifestFile manifest : result.files()) {
            Files.writeString(
                    output.resolve(manifest.fileName()), ManifestYaml.write(manifest), StandardCharsets.UTF_8);
        }
        out.say("wrote " + result.files().size() + " manifests to " + output);
        if (!result.unexpressed().isEmpty()) {
            out.say("not expressed (also in the files' comments):");
            result.unexpressed().forEach(line -> out.say("  " + line));
        }
        nextSteps(images, releases, result, out);
        return 0;
    }

    /**
     * Returns the aliases the gateway of {@code home} keeps for the document's functions, and builds the image of
     * each version they send calls to.
     */
    private static Map<String, ReleaseExport> releases(
            FunctionsDocument document, Path home, ExportImages builder, ConsoleOutput out) throws IOException {
        ReleaseBook book;
        try (SystemClock clock = new SystemClock()) {
            book = ReleaseBook.open(home, clock, name -> null); // read only: the clock stamps changes
        }
        Map<String, ReleaseExport> releases = new LinkedHashMap<>();
        for (FunctionSpec function : document.functions()) {
            List<Alias> aliases = book.aliases(function.name());
            if (aliases.isEmpty()) {
                continue;
            }
            List<String> notes = new ArrayList<>();
            List<AliasRoute> routes = new ArrayList<>();
            aliases.forEach(alias -> routes.add(ReleaseExport.route(alias, notes)));
            List<ReleaseExport.Version> versions = new ArrayList<>();
            for (FunctionVersion version : ReleaseExport.versionsUsed(aliases, book.versions(function.name()))) {
                String image = builder.function(version.spec());
                out.say("image " + image + " (function " + function.name() + " version " + version.id() + ")");
                versions.add(new ReleaseExport.Version(version.id(), version.spec(), image));
            }
            releases.put(function.name(), new ReleaseExport(routes, versions, notes));
        }
        return releases;
    }

    private void nextSteps(
            Map<String, String> images,
            Map<String, ReleaseExport> releases,
            KnativeExport.Result result,
            ConsoleOutput out) {
        out.say("next, with kubectl pointed at a cluster that runs Knative Serving:");
        // A version whose code and configuration are LATEST's has LATEST's image: each is pushed once.
        Set<String> pushes = new LinkedHashSet<>(images.values());
        releases.values().forEach(release -> release.versions().forEach(version -> pushes.add(version.image())));
        pushes.forEach(image -> out.say("  docker push " + image));
        for (String secret : result.secrets()) {
            out.say("  kubectl create secret generic " + secret
                    + " --from-literal=value=\"$(head -c 32 /dev/urandom | base64)\"");
        }
        // A version's revision must be ready before the next template replaces it, or Knative may skip it.
        releases.forEach((function, release) -> release.versions().forEach(version -> {
            String revision = TrafficTargets.revisionName(function, version.id());
            out.say("  kubectl apply -f " + output.resolve(revision + ".yaml")
                    + " && kubectl wait --for=condition=Ready revision/" + revision);
        }));
        out.say("  kubectl apply -f " + output);
    }

    /** Sluice's runtime images and the engine's builds, for the export. */
    private static ImageEngine engine(DockerContainerRuntime docker) {
        RuntimeImages runtimes = RuntimeImages.fromRunningJdk(docker);
        return new ImageEngine() {
            @Override
            public String runtimeImage(Runtime runtime) {
                return runtimes.imageFor(runtime);
            }

            @Override
            public boolean hasImage(String tag) {
                return docker.hasImage(tag);
            }

            @Override
            public void build(Path context, String tag) {
                docker.buildImage(context, tag);
            }
        };
    }
}
