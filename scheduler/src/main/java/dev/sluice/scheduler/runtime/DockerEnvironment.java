package dev.sluice.scheduler.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds a Docker engine and fails fast, once, when there is none (the way testcontainers' strategies do): every
 * candidate address is tried with a ping, and the failure lists each with its reason.
 */
public final class DockerEnvironment {
    /** How long a ping may take before the engine counts as unreachable. */
    static final Duration PING_TIMEOUT = Duration.ofSeconds(3);
    /** How long an ordinary call (create, start, inspect, remove, ...) may wait for its answer. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** How long an image build may stay silent. */
    static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);

    /** One engine's clients, by how long their calls may wait: every wait is bounded but the event stream's. */
    record Clients(DockerClient calls, DockerClient pings, DockerClient builds, DockerClient events) {
        void closeQuietly() {
            for (DockerClient client : List.of(calls, pings, builds, events)) {
                DockerEnvironment.closeQuietly(client);
            }
        }
    }

    private DockerEnvironment() {}

    /**
     * Returns a runtime connected to the first engine that answers a ping.
     *
     * @throws DockerUnavailableException when none answers
     */
    public static DockerContainerRuntime connect(Map<String, String> env) {
        List<String> attempts = new ArrayList<>();
        for (String host : candidates(env)) {
            String problem = unusableSocket(host);
            if (problem != null) {
                attempts.add(host + ": " + problem);
                continue;
            }
            Clients clients = new Clients(
                    client(host, CALL_TIMEOUT),
                    client(host, PING_TIMEOUT),
                    client(host, BUILD_TIMEOUT),
                    client(host, Duration.ZERO));
            try {
                clients.pings().pingCmd().exec();
                return new DockerContainerRuntime(clients, host);
            } catch (RuntimeException e) {
                attempts.add(host + ": " + reason(e));
                clients.closeQuietly();
            }
        }
        throw new DockerUnavailableException(attempts);
    }

    private static Set<String> candidates(Map<String, String> env) {
        Set<String> hosts = new LinkedHashSet<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            // As with the docker CLI, an explicit DOCKER_HOST is the only engine to use.
            hosts.add(dockerHost.trim());
            return hosts;
        }
        hosts.add("unix:///var/run/docker.sock");
        String runtimeDir = env.get("XDG_RUNTIME_DIR");
        if (runtimeDir != null && !runtimeDir.isBlank()) {
            hosts.add("unix://" + runtimeDir + "/docker.sock");
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            hosts.add("unix://" + home + "/.docker/run/docker.sock");
        }
        return hosts;
    }

    /** Returns why a unix socket address cannot work without trying it, or null. */
    private static @org.jspecify.annotations.Nullable String unusableSocket(String host) {
        if (!host.startsWith("unix://")) {
            return null;
        }
        Path socket = Path.of(URI.create(host).getPath());
        if (!Files.exists(socket)) {
            return "no such socket";
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return "permission denied (is your user in the \"docker\" group?)";
        }
        return null;
    }

    /** Returns a client whose calls wait {@code responseTimeout} for an answer at most; zero waits for good. */
    private static DockerClient client(String host, Duration responseTimeout) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .withDockerTlsVerify(false)
                .build();
        DockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(PING_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null ? root.getClass().getSimpleName() : message;
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException ignored) {
            // The client never connected; there is nothing to release that matters.
        }
    }
}
