package dev.sluice.gateway.cli;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.deployment.DeploymentStore;
import dev.sluice.gateway.deployment.SavedDeployment;
import dev.sluice.gateway.reload.Reloader;
import dev.sluice.gateway.server.GatewayLimits;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.server.Readiness;
import dev.sluice.gateway.server.Transport;
import dev.sluice.gateway.setup.EngineSetup;
import dev.sluice.gateway.setup.ProgressLine;
import dev.sluice.gateway.setup.SetupException;
import dev.sluice.scheduler.PoolScheduler;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SystemClock;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.network.Subnets;
import dev.sluice.scheduler.protocol.HttpRuntimeClient;
import dev.sluice.scheduler.reaper.Reaper;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.service.ServiceStartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice up}: starts the gateway, deploys a functions.yml, and runs until interrupted. */
@Command(
        name = "up",
        mixinStandardHelpOptions = true,
        description = "Start the gateway on the local Docker engine and deploy a functions.yml; Ctrl-C stops it and"
                + " removes every container it started.")
final class UpCommand implements Callable<Integer> {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration GRACE = Duration.ofSeconds(10);

    @Option(
            names = {"-f", "--file"},
            description = "the functions.yml, s.yaml or template.yml to deploy (default: the working directory's"
                    + " functions.yml, s.yaml, s.yml or template.yml, else the sample app)")
    @Nullable
    Path file;

    @Option(names = "--host", description = "the address to bind (default: 127.0.0.1, or SLUICE_HOST)")
    @Nullable
    String host;

    @Option(
            names = {"-p", "--port"},
            description = "the port to bind, 0 for any free one (default: 8080, or SLUICE_PORT)")
    @Nullable
    Integer port;

    @Option(
            names = "--max-connections",
            description = "client connections served at once; beyond them only /healthz, /readyz, /metrics and"
                    + " /system/ answer (default: 10000, or fewer if this process may open fewer than 20,544"
                    + " files)")
    @Nullable
    Integer maxConnections;

    @Option(
            names = "--no-engine-setup",
            description = "only use a Docker engine that answers; start or install none (also SLUICE_ENGINE_SETUP=0)")
    boolean noEngineSetup;

    @Option(
            names = "--fresh",
            description = "deploy the file alone, dropping the deployment made through the API that an earlier run"
                    + " kept in SLUICE_HOME (by default it is restored when the file is unchanged)")
    boolean fresh;

    @Option(
            names = "--allow-code-outside",
            description = "allow code paths anywhere on this machine, in the file and in documents deployed through"
                    + " the API (default: only inside the file's directory, the working directory and SLUICE_HOME)")
    boolean allowCodeOutside;

    @Option(
            names = "--subnets",
            paramLabel = "CIDR",
            description = "the IPv4 range whose /24s Sluice's networks take, one per function (default: "
                    + Subnets.DEFAULT_RANGE + ", or SLUICE_SUBNETS); ranges in use are skipped")
    @Nullable
    String subnets;

    @Option(
            names = "--no-watch",
            description = "do not reload functions when the file or their code changes (by default a change deploys"
                    + " a new version of just the functions it touches)")
    boolean noWatch;

    @Option(
            names = "--build",
            paramLabel = "CMD",
            description = "a shell command run in the file's directory when a source below it changes (not the"
                    + " functions' code, target/, build/, node_modules/ or hidden directories), before reloading;"
                    + " e.g. --build \"mvn -q package\"")
    @Nullable
    String build;

    /** The range the run's networks take their subnets from, as given or the default. */
    private Subnets range = Subnets.of(Subnets.DEFAULT_RANGE);

    private final Console console = Console.system();
    private final ConsoleOutput output =
            new ConsoleOutput(console, Surroundings.system().stdoutIsTerminal());

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        PlatformConfig platform;
        try {
            platform = PlatformConfig.fromEnvironment(env, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            output.problem("sluice: " + e.getMessage() + "; fix or unset it, then try again.");
            return Main.EXIT_BAD_INPUT;
        }
        String badOption = checkOptions(env);
        if (badOption != null) {
            output.problem("sluice up: " + badOption);
            return Main.EXIT_BAD_INPUT;
        }
        Path workingDir = Path.of("").toAbsolutePath();
        Path functions = file != null ? file : defaultFunctions(env, workingDir);
        Path fileDir = FunctionsDocument.directoryOf(functions);
        CodeRoots roots = allowCodeOutside ? CodeRoots.ANY : CodeRoots.of(fileDir, workingDir, platform.home());
        FunctionsDocument fileDocument;
        SavedDeployment fileDeployment;
        try {
            String text = FunctionsDocument.read(functions);
            fileDocument = FunctionsDocument.parse(text, functions.toString(), fileDir, roots);
            fileDeployment = SavedDeployment.ofFile(functions, text, Instant.now());
        } catch (ConfigException e) {
            output.problem(String.valueOf(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        DockerContainerRuntime docker;
        try {
            boolean setup = !noEngineSetup && EngineSetup.allowedBy(env);
            docker = new EngineSetup(env, platform.home(), output, setup).ensure();
        } catch (SetupException e) {
            output.problem("sluice: " + e.getMessage());
            return Main.EXIT_NO_DOCKER;
        }
        Home home;
        try {
            home = Home.open(platform.home());
        } catch (Home.HomeBusyException e) {
            output.problem("sluice: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        DeploymentStore store = new DeploymentStore(home.dir());
        StartupDeployment start;
        try {
            start = StartupDeployment.choose(store, fileDeployment, fileDocument, roots, fresh, output);
        } catch (BadInputException e) {
            output.problem(String.valueOf(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        try {
            return run(platform, start, new Deployment(store, roots, workingDir, functions), docker, home);
        } catch (ImageBuildException | ServiceStartException e) {
            output.problem("sluice: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    /** Where the API's changes are kept, where their code may be, and where their relative paths resolve. */
    private record Deployment(DeploymentStore store, CodeRoots roots, Path requestBaseDir, Path file) {}

    private int run(
            PlatformConfig platform,
            StartupDeployment start,
            Deployment deployment,
            DockerContainerRuntime docker,
            Home home)
            throws IOException, InterruptedException {
        FunctionsDocument document = start.document();
        int leftovers = new Reaper(docker, home.label()).removeLeftovers();
        if (leftovers > 0) {
            output.say("removed " + leftovers + " container(s) left by an earlier run that did not stop cleanly");
        }
        document.notices().forEach(notice -> output.say("note: " + notice));
        RuntimeImages images = RuntimeImages.fromRunningJdk(docker);
        SystemClock clock = new SystemClock();
        String session = UUID.randomUUID().toString();
        Scheduler scheduler = new PoolScheduler(
                docker,
                new HttpRuntimeClient(clock),
                images,
                clock,
                new SchedulerSettings(session, home.label(), START_TIMEOUT, 8, home.dir()).withSubnets(range),
                this::event);
        String bindHost = host != null ? host : platform.host();
        AdminToken token = new AdminToken(home.adminToken(), home.tokenFile());
        Readiness readiness = Readiness.of(scheduler, document);
        Deployer deployer = new Deployer(
                scheduler, deployment.store(), deployment.roots(), deployment.requestBaseDir(), start.saved());
        OptionalLong openFiles = OpenFiles.limit(OpenFiles.PROC_LIMITS);
        GatewayLimits limits = ClientLimits.of(maxConnections, openFiles);
        ClientLimits.lines(limits, openFiles).forEach(output::say);
        GatewayServer server = GatewayServer.start(
                bindHost,
                port != null ? port : platform.port(),
                scheduler,
                token,
                deployer,
                START_TIMEOUT,
                readiness,
                limits,
                this::event);
        String base = "http://" + bindHost + ":" + server.port();
        output.say("gateway listening on " + base + " (" + Transport.best().label() + "); "
                + (start.restored() ? "restoring " : "deploying ")
                + start.what() + " (" + base + "/readyz says when it is in place)");
        try {
            buildImages(document, images, readiness);
            deployer.start(document);
            readiness.deployed();
            awaitReady(scheduler, readiness);
        } catch (RuntimeException e) {
            // Nothing keeps running: what this run started goes, and the reason is all the user sees.
            server.stopAccepting();
            scheduler.close(Duration.ZERO);
            server.close();
            clock.close();
            throw e;
        }
        printUrls(start, base, home);
        Reloader reloader = watch(deployment.file(), deployer, scheduler);
        awaitStop(server, scheduler, clock, home, reloader);
        return 0;
    }

    /** Blocks until SIGTERM or Ctrl-C, whose hook drains the instances and removes every container of this run. */
    /** Starts hot reload unless {@code --no-watch}; returns it, or null when off or impossible (said why). */
    private @Nullable Reloader watch(Path file, Deployer deployer, Scheduler scheduler) {
        if (noWatch) {
            return null;
        }
        try {
            Reloader reloader = new Reloader(file, deployer, scheduler, build, this::event, output::problem).start();
            output.say("watching " + file + " and the functions' code: a change reloads what it touches"
                    + (build == null ? "" : "; a source change runs `" + build + "` first")
                    + " (--no-watch turns this off)");
            return reloader;
        } catch (IOException e) {
            output.problem("sluice: cannot watch for changes (" + e.getMessage() + "); running without reloads");
            return null;
        }
    }

    private void awaitStop(
            GatewayServer server, Scheduler scheduler, SystemClock clock, Home home, @Nullable Reloader reloader)
            throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (reloader != null) {
                                reloader.close();
                            }
                            output.say("stopping: draining instances and removing containers...");
                            server.stopAccepting();
                            scheduler.close(GRACE);
                            server.close();
                            clock.close();
                            closeQuietly(home);
                            output.say("stopped.");
                            stopped.countDown();
                        },
                        "sluice-shutdown"));
        stopped.await();
    }

    /** Builds each runtime image the document needs and is missing, one progress line each. */
    private void buildImages(FunctionsDocument document, RuntimeImages images, Readiness readiness) {
        Set<Runtime> runtimes = EnumSet.noneOf(Runtime.class);
        for (FunctionSpec spec : document.functions()) {
            runtimes.add(spec.runtime());
        }
        document.services().forEach(service -> runtimes.add(service.runtime()));
        for (Runtime runtime : runtimes) {
            // A custom container brings its own image; Sluice's are built once per runtime.
            if (runtime.isCustomContainer()) {
                continue;
            }
            String tag = images.tag(runtime.id());
            if (images.isBuilt(runtime.id())) {
                output.say("runtime image " + tag + " ready");
                continue;
            }
            readiness.step("building the runtime image " + tag);
            try (ProgressLine line = ProgressLine.start(output, "building the runtime image " + tag)) {
                images.ensure(runtime.id());
                line.stop();
                output.say("built the runtime image " + tag + " in " + line.elapsed());
            }
        }
    }

    /** Waits until the reserved instances of the deployment have started (or failed to, which the console said). */
    private static void awaitReady(Scheduler scheduler, Readiness readiness) throws InterruptedException {
        CountDownLatch ready = new CountDownLatch(1);
        Consumer<PlatformEvent> check = event -> {
            if (readiness.isReady()) {
                ready.countDown();
            }
        };
        scheduler.events().subscribe(check);
        try {
            if (!readiness.isReady()) {
                ready.await();
            }
        } finally {
            scheduler.events().unsubscribe(check);
        }
    }

    private void printUrls(StartupDeployment start, String base, Home home) {
        FunctionsDocument document = start.document();
        output.say(
                "sluice is up on " + base + " (" + (start.restored() ? "restored " : "deployed ") + start.what() + ")");
        for (FunctionSpec spec : document.functions()) {
            if (spec.triggers().isEmpty()) {
                output.say("  " + spec.name() + ": curl -X POST " + base + "/invoke/" + spec.name() + " -d world");
            }
        }
        for (FunctionSpec spec : document.functions()) {
            if (!spec.triggers().isEmpty()) {
                List<String> paths =
                        spec.triggers().stream().map(HttpTrigger::path).toList();
                String more =
                        paths.size() == 1 ? "" : " (also " + String.join(", ", paths.subList(1, paths.size())) + ")";
                output.say("  " + spec.name() + ": " + base + paths.get(0) + more);
            }
        }
        output.say("  dashboard: " + base + "/ui");
        output.say("  functions and instances: curl " + base + "/system/functions");
        output.say("  admin token for PUT /system/functions: " + home.tokenFile());
        output.say("Press Ctrl-C to stop; every container this run started is removed.");
    }

    private void event(String line) {
        output.say(LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS) + "  " + line);
    }

    /** The project files {@code up} looks for in the working directory without {@code -f}, in this order. */
    static final List<String> PROJECT_FILES = List.of("functions.yml", "s.yaml", "s.yml", "template.yml");

    /** Checks the options that need no engine, and takes the subnet range; returns what is wrong, or null. */
    private @Nullable String checkOptions(Map<String, String> env) {
        if (maxConnections != null && maxConnections < 1) {
            return "--max-connections " + maxConnections + " (expected: >= 1)";
        }
        try {
            range = subnetRange(subnets, env);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /**
     * Returns the range given with {@code --subnets}, else {@code SLUICE_SUBNETS}, else the default.
     *
     * @throws IllegalArgumentException saying what is wrong with the range given
     */
    static Subnets subnetRange(@Nullable String option, Map<String, String> env) {
        return Subnets.of(option != null ? option : env.getOrDefault("SLUICE_SUBNETS", Subnets.DEFAULT_RANGE));
    }

    /**
     * Returns what {@code up} deploys without {@code -f}: the working directory's project file (a functions.yml, a
     * Serverless Devs s.yaml, a Fun template.yml), else {@code SLUICE_FUNCTIONS} (the launcher's sample app).
     */
    static Path defaultFunctions(Map<String, String> env, Path workingDir) {
        for (String name : PROJECT_FILES) {
            Path candidate = workingDir.resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String configured = env.get("SLUICE_FUNCTIONS");
        return Path.of(configured != null ? configured : "sample-functions/functions.yml");
    }

    private static void closeQuietly(Home home) {
        try {
            home.close();
        } catch (IOException ignored) {
            // The lock goes with the process anyway.
        }
    }
}
