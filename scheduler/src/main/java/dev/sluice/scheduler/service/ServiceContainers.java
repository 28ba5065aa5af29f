package dev.sluice.scheduler.service;

import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.Labels;
import dev.sluice.scheduler.state.StateDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a service into the spec of its container: on the session's network under its own name, volumes bound. */
final class ServiceContainers {
    private static final int PIDS_LIMIT = 1024;
    /** A service's /tmp; its data belongs in a volume. */
    private static final int SERVICE_TMP_MB = 512;

    private static final String CODE_PATH = "/code";

    private final Map<String, String> sessionLabels;
    private final @Nullable String network;
    private final StateDirectory state;
    private final double hostCpus;

    ServiceContainers(
            Map<String, String> sessionLabels, @Nullable String network, StateDirectory state, double hostCpus) {
        this.sessionLabels = Map.copyOf(sessionLabels);
        this.network = network;
        this.state = state;
        this.hostCpus = hostCpus;
    }

    ContainerSpec forService(ServiceSpec service, String image) {
        Map<String, String> labels = new LinkedHashMap<>(sessionLabels);
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.SERVICE, service.name());
        Map<String, String> env = new LinkedHashMap<>(service.env());
        service.secrets().forEach((name, secret) -> env.put(name, state.secret(secret)));
        List<ContainerSpec.Mount> mounts = new ArrayList<>();
        Path code = service.code();
        if (code != null) {
            mounts.add(
                    Files.isDirectory(code)
                            ? new ContainerSpec.Mount(code.toString(), CODE_PATH, true)
                            : new ContainerSpec.Mount(code.toString(), CODE_PATH + "/" + code.getFileName(), true));
        }
        service.volumes()
                .forEach((path, volume) ->
                        mounts.add(new ContainerSpec.Mount(state.volume(volume).toString(), path, false)));
        return new ContainerSpec(
                image,
                "sluice-svc-" + service.name() + "-" + ContainerSpec.nameSuffix(),
                labels,
                env,
                service.command(),
                service.args(),
                mounts,
                service.memoryMb(),
                Math.min(service.cpu(), hostCpus),
                PIDS_LIMIT,
                service.port(),
                ContainerSpec.UNPRIVILEGED_USER,
                network,
                List.of(service.name()),
                SERVICE_TMP_MB);
    }
}
