package dev.sluice.gateway.testing;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.admin.AdminToken;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.server.GatewayServer;
import dev.sluice.gateway.server.Readiness;
import dev.sluice.scheduler.PoolScheduler;
import dev.sluice.scheduler.SchedulerSettings;
import dev.sluice.scheduler.SystemClock;
import dev.sluice.scheduler.api.EngineState;
import dev.sluice.scheduler.api.InstanceView;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.ServiceView;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.protocol.HttpRuntimeClient;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import dev.sluice.scheduler.runtime.DockerEnvironment;
import dev.sluice.scheduler.runtime.Labels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real gateway and scheduler in this JVM, on the local Docker engine, bound to a free port on 127.0.0.1. Every
 * container it creates carries a session label unique to it, so a test sees only its own containers.
 */
public final class LocalSluice implements AutoCloseable {
    private static final Duration START_BUDGET = Duration.ofSeconds(30);

    private final DockerContainerRuntime docker;
    private final RuntimeImages images;
    private final Scheduler scheduler;
    private final GatewayServer server;
    private final SystemClock clock;
    private final String session;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The scheduler's lifecycle lines, in order. */
    public final List<String> events;

    private LocalSluice(
            DockerContainerRuntime docker,
            RuntimeImages images,
            Scheduler scheduler,
            GatewayServer server,
            SystemClock clock,
            String session,
            List<String> events) {
        this.events = events;
        this.docker = docker;
        this.images = images;
        this.scheduler = scheduler;
        this.server = server;
        this.clock = clock;
        this.session = session;
    }

    /** Starts a gateway and deploys {@code yaml}, whose relative code paths resolve against {@code baseDir}. */
    public static LocalSluice deploy(String yaml, Path baseDir) throws ConfigException, InterruptedException {
        return deploy(yaml, baseDir, START_BUDGET);
    }

    /** As {@link #deploy(String, Path)}, with containers given {@code startTimeout} to listen on their port. */
    public static LocalSluice deploy(String yaml, Path baseDir, Duration startTimeout)
            throws ConfigException, InterruptedException {
        return deploy(yaml, baseDir, startTimeout, baseDir.resolve(".sluice-state"));
    }

    /**
     * As {@link #deploy(String, Path, Duration)}, keeping secrets and volumes in {@code stateDir}: a second gateway
     * given the same directory finds what the first one kept.
     */
    public static LocalSluice deploy(String yaml, Path baseDir, Duration startTimeout, Path stateDir)
            throws ConfigException, InterruptedException {
        return deploy(yaml, baseDir, startTimeout, stateDir, 0);
    }

    /**
     * As {@link #deploy(String, Path)}, bound to {@code port}: a gateway started again where a closed one was, as
     * clients of the first one see it.
     */
    public static LocalSluice deployOn(int port, String yaml, Path baseDir)
            throws ConfigException, InterruptedException {
        return deploy(yaml, baseDir, START_BUDGET, baseDir.resolve(".sluice-state"), port);
    }

    /**
     * As {@link #deploy(String, Path)}, with the engine reached at {@code dockerHost} (e.g. a {@link DockerApiProxy}
     * that the test can cut).
     */
    public static LocalSluice deployThrough(String dockerHost, String yaml, Path baseDir)
            throws ConfigException, InterruptedException {
        DockerContainerRuntime docker = DockerEnvironment.connect(Map.of("DOCKER_HOST", dockerHost));
        return deploy(docker, yaml, baseDir, START_BUDGET, baseDir.resolve(".sluice-state"), 0);
    }

    private static LocalSluice deploy(String yaml, Path baseDir, Duration startTimeout, Path stateDir, int port)
            throws ConfigException, InterruptedException {
        return deploy(DockerEngine.connectOrSkip(), yaml, baseDir, startTimeout, stateDir, port);
    }

    private static LocalSluice deploy(
            DockerContainerRuntime docker, String yaml, Path baseDir, Duration startTimeout, Path stateDir, int port)
            throws ConfigException, InterruptedException {
        // Tests take their code from the build's directories, outside their temp directories.
        FunctionsDocument document = FunctionsDocument.parse(yaml, "functions.yml", baseDir, CodeRoots.ANY);
        SystemClock clock = new SystemClock();
        String session = "it-" + UUID.randomUUID();
        List<String> events = new CopyOnWriteArrayList<>();
        RuntimeImages images = RuntimeImages.fromRunningJdk(docker);
        Scheduler scheduler = new PoolScheduler(
                docker,
                new HttpRuntimeClient(clock),
                images,
                clock,
                new SchedulerSettings(session, session, startTimeout, 4, stateDir),
                events::add);
        AdminToken token = new AdminToken("test-token", baseDir.resolve("admin-token"));
        Deployer deployer = Deployers.of(scheduler, yaml, baseDir, stateDir);
        GatewayServer server = GatewayServer.start(
                "127.0.0.1", port, scheduler, token, deployer, startTimeout, Readiness.whileEngineAnswers(scheduler));
        LocalSluice sluice = new LocalSluice(docker, images, scheduler, server, clock, session, events);
        try {
            deployer.start(document);
        } catch (RuntimeException e) {
            sluice.close();
            throw e;
        }
        return sluice;
    }

    /** Deploys {@code document} in place of what is deployed, as {@code PUT /system/functions} would. */
    public void redeploy(FunctionsDocument document) {
        scheduler.deploy(document);
    }

    /** Returns the backing services now. */
    public List<ServiceView> services() {
        return scheduler.services();
    }

    /** Returns the gateway's base URL. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** Sends {@code POST /invoke/{function}} with {@code body} and returns the response. */
    public HttpResponse<String> invoke(String function, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base().resolve("/invoke/" + function))
                .timeout(Duration.ofSeconds(90))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends {@code POST path} with {@code body} without waiting for the answer. */
    public java.util.concurrent.CompletableFuture<HttpResponse<String>> sendAsync(String path, String body) {
        return http.sendAsync(
                HttpRequest.newBuilder(base().resolve(path))
                        .timeout(Duration.ofSeconds(90))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request to the gateway. */
    public HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a request to the gateway, the body handled by {@code body}. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        return http.send(request, body);
    }

    /** Returns the instances of {@code function} now. */
    public List<InstanceView> instances(String function) {
        return scheduler.functions().stream()
                .filter(f -> f.spec().name().equals(function))
                .findFirst()
                .orElseThrow()
                .instances();
    }

    /** Returns the version of the language in {@code function}'s image, as {@code /system/functions} says it. */
    public String runtimeVersion(String function) {
        return String.valueOf(scheduler.functions().stream()
                .filter(f -> f.spec().name().equals(function))
                .findFirst()
                .orElseThrow()
                .runtimeVersion());
    }

    /** Returns how many stem cells are ready to be specialized. */
    public int stemCellsReady() {
        return scheduler.stemCellsReady();
    }

    /** Returns the ids of the containers this gateway created that still exist. */
    public List<String> containers() {
        return docker.containersLabelled(Labels.SESSION, session);
    }

    /** Waits until the container of this gateway's instance {@code instanceId} is gone; returns whether it is. */
    public boolean awaitRemoved(String instanceId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<String> ours = containers();
            if (docker.containersLabelled(Labels.INSTANCE, instanceId).stream().noneMatch(ours::contains)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * Waits until this gateway's containers are exactly {@code expected} (removal is asynchronous), and returns them.
     * Gives up after 30 s and returns what there is, for the caller's assertion to report.
     */
    public List<String> awaitContainers(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> now = containers();
        while (now.size() != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            now = containers();
        }
        return now;
    }

    /** Returns the tag of Sluice's image for {@code runtime}, building it if needed (for images built on top). */
    public String runtimeImage(String runtime) {
        return images.ensure(runtime);
    }

    /**
     * Closes the gateway and returns the containers and networks of it still there once removal settled: none, if
     * all is well.
     */
    public List<String> closeAndRemaining() throws InterruptedException {
        close();
        List<String> remaining = new java.util.ArrayList<>(awaitContainers(0));
        docker.networksLabelled(Labels.SESSION, session).forEach(n -> remaining.add("network " + n));
        return remaining;
    }

    /** Returns the names of the networks this gateway made that still exist. */
    public List<String> networks() {
        return docker.networksLabelled(Labels.SESSION, session);
    }

    /** Returns the scheduler's view of the engine. */
    public EngineState engine() {
        return scheduler.engine();
    }

    /** Returns the engine, to look at containers as Docker sees them. */
    public DockerContainerRuntime docker() {
        return docker;
    }

    @Override
    public void close() {
        server.stopAccepting();
        scheduler.close(Duration.ofSeconds(5));
        server.close();
        clock.close();
    }
}
