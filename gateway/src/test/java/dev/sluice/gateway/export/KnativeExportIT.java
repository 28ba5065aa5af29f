package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.CodeTree;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.function.Runtime;
import dev.sluice.gateway.testing.DockerEngine;
import dev.sluice.gateway.testing.TestFunctions;
import dev.sluice.scheduler.image.RuntimeImages;
import dev.sluice.scheduler.runtime.DockerContainerRuntime;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported images, built offline on a real engine and run under Docker as Knative would run them: nobody calls
 * {@code POST /initialize}, the environment comes from the manifest, and the port opens only once the initializer
 * succeeded. Images and containers carry this run's tag and label and are removed at the end.
 */
class KnativeExportIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String REGISTRY = "localhost:5000/sluice-export-it-" + RUN;
    private static final String LABEL = "sluice.export-it=" + RUN;
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @TempDir
    static Path dir;

    static FunctionsDocument document;
    static KnativeExport.Result result;
    static final Map<String, String> images = new LinkedHashMap<>();
    static ExportImages builder;
    static DockerContainerRuntime docker;

    @BeforeAll
    static void export() throws Exception {
        docker = DockerEngine.connectOrSkip();
        Files.copy(TestFunctions.jar(), dir.resolve("fns.jar"));
        CodeTree.copyInto(TestFunctions.nodeFunctions().resolve("event"), dir.resolve("greeter"));
        Files.writeString(dir.resolve("functions.yml"), DOCUMENT, StandardCharsets.UTF_8);
        document = FunctionsDocument.load(dir.resolve("functions.yml"));
        RuntimeImages runtimes = RuntimeImages.fromRunningJdk(docker);
        builder = new ExportImages(
                new ImageEngine() {
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
                },
                REGISTRY);
        for (FunctionSpec function : document.functions()) {
            images.put(function.name(), builder.function(function));
        }
        result = KnativeExport.manifests(document, "functions.yml", images, Map.of(), null);
    }

    @AfterAll
    static void removeWhatThisRunMade() throws Exception {
        String containers = docker("ps", "-aq", "--filter", "label=" + LABEL).strip();
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f"));
            rm.addAll(containers.lines().toList());
            docker(rm.toArray(String[]::new));
        }
        for (String image : images.values()) {
            docker("rmi", image);
        }
        if (KnativeExportIT.docker != null) {
            KnativeExportIT.docker.close();
        }
    }

    @Test
    void imagesAreTaggedForTheRegistryByTheirContent() throws Exception {
        assertThat(images.get("counter")).matches(REGISTRY + "/counter:[0-9a-f]{12}");
        String counterHash =
                images.get("counter").substring(images.get("counter").lastIndexOf(':'));
        assertThat(images.get("broken")).doesNotEndWith(counterHash); // same code, another handler
        assertThat(builder.function(document.function("counter").orElseThrow())).isEqualTo(images.get("counter"));
    }

    @Test
    void anEventFunctionAnswersAPlainPostOnlyAfterItsInitializerRan() throws Exception {
        Running counter = run("counter");

        HttpResponse<String> first = post(counter, "/", "one");
        HttpResponse<String> second = post(counter, "/anything", "two");

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("initialized 1 time(s) before invocation 1");
        assertThat(second.body()).isEqualTo("initialized 1 time(s) before invocation 2");
        String logs = docker("logs", counter.id());
        assertThat(logs.indexOf("FC Initialize End RequestId: init-"))
                .isNotNegative()
                .isLessThan(logs.indexOf("listening on 0.0.0.0:9000"));
    }

    @Test
    void anHttpFunctionGetsTheRequestAsItsClientSentIt() throws Exception {
        Running echo = run("echo");

        HttpResponse<String> reply = HTTP.send(
                HttpRequest.newBuilder(echo.uri("/api/echo/7?id=7"))
                        .header("x-demo", "yes")
                        .header("x-fc-control-path", "/initialize")
                        .timeout(Duration.ofSeconds(10))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("x-handled-by")).hasValue("echo");
        assertThat(reply.body()).isEqualTo("GET /api/echo/7 id=7 x-demo=yes body=");
    }

    @Test
    void aNodeFunctionTakesItsEnvironmentFromTheManifest() throws Exception {
        Running greeter = run("greeter");

        HttpResponse<String> reply = post(greeter, "/", "Ann");

        assertThat(reply.body()).startsWith("Salut, Ann! initialized 1 time(s); request local-");
    }

    @Test
    void aFailingInitializerKeepsTheContainerUnready() throws Exception {
        String id = start("broken");

        String exit = docker("wait", id).strip();

        assertThat(exit).isEqualTo("1");
        String logs = docker("logs", id);
        assertThat(logs)
                .contains("cannot reach the database at db:9092")
                .contains("not listening, so this instance never becomes ready")
                .doesNotContain("listening on 0.0.0.0");
    }

    /** A container of the function's image with the manifest's environment, its port published on loopback. */
    private record Running(String id, int port) {
        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port + pathAndQuery);
        }
    }

    private static Running run(String function) throws Exception {
        String id = start(function);
        String published = docker("port", id, "9000/tcp").lines().findFirst().orElseThrow();
        int port = Integer.parseInt(
                published.substring(published.lastIndexOf(':') + 1).strip());
        awaitOpen(id, port);
        return new Running(id, port);
    }

    /** Starts the image as Knative would: the manifest's environment, as nobody; its initializer runs on its own. */
    private static String start(String function) throws Exception {
        Service service =
                (Service) ManifestYaml.read(ManifestYaml.write(file(function))).get(0);
        List<String> command = new ArrayList<>(List.of("run", "-d", "--label", LABEL, "-p", "127.0.0.1::9000"));
        command.addAll(List.of("--user", "65534:65534", "--cap-drop", "ALL"));
        for (EnvVar variable :
                service.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()) {
            command.addAll(List.of("-e", variable.getName() + "=" + variable.getValue()));
        }
        command.add(
                service.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        return docker(command.toArray(String[]::new)).strip();
    }

    /** What the kubelet's startup probe does: connect until the port opens; the container must still run. */
    private static void awaitOpen(String id, int port) throws Exception {
        Instant deadline = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(deadline)) {
            if (docker("inspect", "-f", "{{.State.Running}}", id).strip().equals("false")) {
                throw new AssertionError("container exited: " + docker("logs", id));
            }
            // The published port accepts connections before the process listens; only an answer counts.
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                socket.getOutputStream()
                        .write("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.setSoTimeout(1000);
                if (socket.getInputStream().read() >= 0) {
                    return;
                }
            } catch (IOException notYet) {
                // the runtime is still starting or initializing
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new AssertionError("port " + port + " never answered: " + docker("logs", id));
    }

    private static ManifestFile file(String function) {
        return result.files().stream()
                .filter(f -> f.fileName().equals(function + ".yaml"))
                .findFirst()
                .orElseThrow();
    }

    private static HttpResponse<String> post(Running running, String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(running.uri(path))
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String docker(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("docker " + String.join(" ", args) + " did not end within 60 s");
        }
        return output;
    }

    private static final String DOCUMENT =
            """
            functions:
              counter:
                runtime: java17
                code: ./fns.jar
                handler: dev.sluice.testing.functions.InitCounter::handleRequest
                initializer: dev.sluice.testing.functions.InitCounter::initialize
                initializationTimeout: 10s
                instanceConcurrency: 4
              broken:
                runtime: java17
                code: ./fns.jar
                handler: dev.sluice.testing.functions.FailingInit::handleRequest
                initializer: dev.sluice.testing.functions.FailingInit::initialize
              echo:
                runtime: java17
                code: ./fns.jar
                handler: dev.sluice.testing.functions.HttpEcho::handleRequest
                triggers:
                  - http: { path: /api/echo }
              greeter:
                runtime: nodejs20
                code: ./greeter
                handler: index.handler
                initializer: index.initializer
                env:
                  GREETING: Salut
            """;
}
