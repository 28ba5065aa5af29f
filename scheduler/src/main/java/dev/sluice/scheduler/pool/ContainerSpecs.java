package dev.sluice.scheduler.pool;

import dev.sluice.config.function.CustomContainer;
import dev.sluice.config.function.CustomRuntime;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.FcEnvironment;
import dev.sluice.scheduler.runtime.ContainerSpec;
import dev.sluice.scheduler.runtime.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/** Turns a function version into the container spec of one of its instances. */
final class ContainerSpecs {
    static final int FC_PORT = 9000;
    static final String CODE_PATH = FcEnvironment.CODE_PATH;
    /** JVM threads and a request thread per slot (up to 200) all count against the pids limit. */
    private static final int PIDS_LIMIT = 1024;
    /**
     * What every instance's process finds, as on FC: a writable home (the tmpfs), UTC, and UTF-8. A function's own
     * variables may override these; the FC_ ones are the platform's.
     */
    static final Map<String, String> ENVIRONMENT = Map.of("HOME", "/tmp", "TZ", "UTC", "LANG", "C.UTF-8");

    private final Map<String, String> sessionLabels;
    private final double hostCpus;
    private final UnaryOperator<String> secrets;

    /** @param secrets the value of each platform secret, by name */
    ContainerSpecs(Map<String, String> sessionLabels, double hostCpus, UnaryOperator<String> secrets) {
        this.sessionLabels = Map.copyOf(sessionLabels);
        this.hostCpus = hostCpus;
        this.secrets = secrets;
    }

    /**
     * @param code what the instance mounts as its code (the function's, or a copy of its code file)
     * @param network the network the instance joins, or null for the engine's default
     */
    ContainerSpec forInstance(
            FunctionSpec function,
            String image,
            @Nullable Path code,
            String instanceId,
            String qualifier,
            @Nullable String network) {
        CustomContainer container = function.container();
        CustomRuntime own = function.customRuntime();
        Map<String, String> labels = new LinkedHashMap<>(sessionLabels);
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.FUNCTION, function.name());
        labels.put(Labels.INSTANCE, instanceId);
        return new ContainerSpec(
                image,
                "sluice-" + instanceId + "-" + ContainerSpec.nameSuffix(),
                labels,
                env(function, instanceId, qualifier),
                container != null ? container.command() : own != null ? own.entrypoint() : List.of(),
                container != null ? container.args() : own != null ? own.args() : List.of(),
                code == null ? List.of() : List.of(codeMount(code)),
                function.memoryMb(),
                cpuOf(function),
                PIDS_LIMIT,
                portOf(function),
                ContainerSpec.UNPRIVILEGED_USER,
                network,
                List.of(),
                function.diskSizeMb());
    }

    /** Returns the port the function's server listens on in its container: FC's 9000, or a custom container's. */
    static int portOf(FunctionSpec function) {
        CustomContainer container = function.container();
        CustomRuntime own = function.customRuntime();
        return container != null ? container.port() : own != null ? own.port() : FC_PORT;
    }

    /**
     * Returns the spec of a stem cell: the runtime with the resources of {@code key} and no function, its code
     * directory ({@code codeDir}, empty until specialized) mounted read-only as /code, on {@code network}.
     */
    ContainerSpec forStemCell(StemCells.Key key, String name, Path codeDir, @Nullable String network) {
        Map<String, String> labels = new LinkedHashMap<>(sessionLabels);
        labels.put(Labels.MANAGED, "true");
        labels.put(Labels.STEM_CELL, "true");
        Map<String, String> env = new LinkedHashMap<>(ENVIRONMENT);
        env.put("FC_FUNC_CODE_PATH", CODE_PATH + "/");
        env.put("FC_SERVER_PORT", Integer.toString(FC_PORT));
        env.put("FC_CUSTOM_LISTEN_PORT", Integer.toString(FC_PORT));
        return new ContainerSpec(
                key.image(),
                name,
                labels,
                env,
                List.of(),
                List.of(),
                List.of(new ContainerSpec.Mount(codeDir.toString(), CODE_PATH, true)),
                key.memoryMb(),
                key.cpu(),
                PIDS_LIMIT,
                FC_PORT,
                ContainerSpec.UNPRIVILEGED_USER,
                network,
                List.of(),
                key.tmpMb());
    }

    /** Returns the CPU limit an instance of {@code function} gets on this host. */
    double cpuOf(FunctionSpec function) {
        // The engine refuses a limit above the host's cores; a function asking for more gets all of them.
        return Math.min(function.cpu(), hostCpus);
    }

    /**
     * Returns the environment of an instance of {@code function}: its own variables, its secrets' values, and the
     * platform's FC_ ones; {@code FC_QUALIFIER} is {@code qualifier}, the version its pool serves.
     */
    Map<String, String> env(FunctionSpec function, String instanceId, String qualifier) {
        Map<String, String> env = new LinkedHashMap<>(ENVIRONMENT);
        env.putAll(function.env());
        function.secrets().forEach((name, secret) -> env.put(name, secrets.apply(secret)));
        env.putAll(FcEnvironment.of(function, portOf(function), qualifier));
        env.put("FC_INSTANCE_ID", instanceId);
        // FC hands every instance the function role's temporary credentials; there is no cloud here.
        env.put("ALIBABA_CLOUD_ACCESS_KEY_ID", "");
        env.put("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "");
        env.put("ALIBABA_CLOUD_SECURITY_TOKEN", "");
        return env;
    }

    /** A jar is mounted under /code by its own name; a directory becomes /code itself. Always read-only. */
    private static ContainerSpec.Mount codeMount(Path code) {
        if (Files.isDirectory(code)) {
            return new ContainerSpec.Mount(code.toString(), CODE_PATH, true);
        }
        return new ContainerSpec.Mount(code.toString(), CODE_PATH + "/" + code.getFileName(), true);
    }
}
