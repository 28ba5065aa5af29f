package dev.sluice.gateway.cli;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.platform.PlatformConfig;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.scheduler.Scheduler;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SystemClock;
import dev.sluice.scheduler.image.ImageBuildException;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.protocol.HttpRuntimeClient;
import dev.sluice.scheduler.reaper.Reaper;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.runtime.DockerEnvironment;
import dev.sluice.scheduler.runtime.DockerUnavailableException;
import dev.sluice.scheduler.service.ServiceStartException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
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
            description = "the functions.yml to deploy (default: the sample app)")
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

    private final Console console = Console.system();

    @Override
    public Integer call() throws Exception {
        Map<String, String> env = System.getenv();
        PlatformConfig platform;
        try {
            platform = PlatformConfig.fromEnvironment(env, Path.of(System.getProperty("user.home")));
        } catch (IllegalArgumentException e) {
            console.problem("sluice: " + e.getMessage() + "; fix or unset it, then try again.");
            return Main.EXIT_BAD_INPUT;
        }
        Path functions = file != null ? file : defaultFunctions(env);
        FunctionsDocument document;
        try {
            document = FunctionsDocument.load(functions);
        } catch (ConfigException e) {
            console.problem(String.valueOf(e.getMessage()));
            return Main.EXIT_BAD_INPUT;
        }
        DockerContainerRuntime docker;
        try {
            docker = DockerEnvironment.connect(env);
        } catch (DockerUnavailableException e) {
            console.problem("sluice: " + e.getMessage());
            return Main.EXIT_NO_DOCKER;
        }
        Home home;
        try {
            home = Home.open(platform.home());
        } catch (Home.HomeBusyException e) {
            console.problem("sluice: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
        try {
            return run(platform, document, functions, docker, home);
        } catch (ImageBuildException | ServiceStartException e) {
            console.problem("sluice: " + e.getMessage());
            return Main.EXIT_FAILURE;
        }
    }

    private int run(
            PlatformConfig platform,
            FunctionsDocument document,
            Path functions,
            DockerContainerRuntime docker,
            Home home)
            throws IOException, InterruptedException {
        int leftovers = new Reaper(docker, home.label()).removeLeftovers();
        if (leftovers > 0) {
            console.say("removed " + leftovers + " container(s) left by an earlier run that did not stop cleanly");
        }
        document.notices().forEach(notice -> console.say("note: " + notice));
        RuntimeImages images = RuntimeImages.fromRunningJdk(docker);
        Set<Runtime> built = EnumSet.noneOf(Runtime.class);
        for (FunctionSpec spec : document.functions()) {
            // A custom container brings its own image; Sluice's are built once per runtime.
            if (spec.runtime().isCustomContainer() || !built.add(spec.runtime())) {
                continue;
            }
            long t0 = System.nanoTime();
            String tag = images.ensure(spec.runtime().id());
            console.say("runtime image " + tag + " ready (" + (System.nanoTime() - t0) / 1_000_000 + " ms)");
        }
        SystemClock clock = new SystemClock();
        String session = UUID.randomUUID().toString();
        Scheduler scheduler = new Scheduler(
                docker,
                new HttpRuntimeClient(),
                images,
                clock,
                new SchedulerSettings(session, home.label(), START_TIMEOUT, 8, home.dir()),
                this::event);
        String bindHost = host != null ? host : platform.host();
        int bindPort = port != null ? port : platform.port();
        AdminToken token = new AdminToken(home.adminToken(), home.tokenFile());
        GatewayServer server = GatewayServer.start(
                bindHost, bindPort, scheduler, token, Path.of("").toAbsolutePath(), START_TIMEOUT);
        try {
            scheduler.deploy(document);
        } catch (RuntimeException e) {
            // Nothing keeps running: what this run started goes, and the reason is all the user sees.
            server.stopAccepting();
            scheduler.close(Duration.ZERO);
            server.close();
            clock.close();
            throw e;
        }
        printUrls(document, functions, bindHost, server.port(), home);
        CountDownLatch stopped = new CountDownLatch(1);
        java.lang.Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            console.say("stopping: draining instances and removing containers...");
                            server.stopAccepting();
                            scheduler.close(GRACE);
                            server.close();
                            clock.close();
                            closeQuietly(home);
                            console.say("stopped.");
                            stopped.countDown();
                        },
                        "sluice-shutdown"));
        stopped.await();
        return 0;
    }

    private void printUrls(FunctionsDocument document, Path functions, String host, int port, Home home) {
        String base = "http://" + host + ":" + port;
        console.say("sluice is up on " + base + " (deployed " + functions + ")");
        for (FunctionSpec spec : document.functions()) {
            if (spec.triggers().isEmpty()) {
                console.say("  " + spec.name() + ": curl -X POST " + base + "/invoke/" + spec.name() + " -d world");
            }
        }
        for (FunctionSpec spec : document.functions()) {
            if (!spec.triggers().isEmpty()) {
                List<String> paths =
                        spec.triggers().stream().map(HttpTrigger::path).toList();
                String more =
                        paths.size() == 1 ? "" : " (also " + String.join(", ", paths.subList(1, paths.size())) + ")";
                console.say("  " + spec.name() + ": " + base + paths.get(0) + more);
            }
        }
        console.say("  dashboard: " + base + "/ui");
        console.say("  functions and instances: curl " + base + "/system/functions");
        console.say("  admin token for PUT /system/functions: " + home.tokenFile());
        console.say("Press Ctrl-C to stop; every container this run started is removed.");
    }

    private void event(String line) {
        console.say(LocalTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS) + "  " + line);
    }

    private static Path defaultFunctions(Map<String, String> env) {
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
