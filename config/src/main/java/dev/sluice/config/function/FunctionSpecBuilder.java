package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link FunctionSpec}, starting from the defaults of {@code functions.yml}: {@code java17}, no
 * initializer, 3s initialization timeout and timeout, 512 MB, a 512 MB /tmp, 1 CPU, concurrency 1, 0..10 instances, 300s idle
 * timeout, no env, no triggers, no watermarks.
 *
 * <p>Obtained from {@link FunctionSpec#builder}. Values are checked by {@link #build()}.
 */
public final class FunctionSpecBuilder {

    private final String name;
    private final @Nullable Path code;
    private final String handler;
    private Runtime runtime = Runtime.JAVA17;
    private @Nullable String initializer;
    private Duration initializationTimeout = Limits.INITIALIZATION_TIMEOUT.fallback();
    private Duration timeout = Limits.TIMEOUT.fallback();
    private int memoryMb = Limits.MEMORY_MB.fallback();
    private int diskSizeMb = Limits.DISK_SIZE_MB.fallback();
    private @Nullable String preStop;
    private @Nullable CustomRuntime customRuntime;
    private @Nullable String runtimeVersion;
    private Duration preStopTimeout = Limits.INITIALIZATION_TIMEOUT.fallback();
    private double cpu = Limits.DEFAULT_CPU;
    private int instanceConcurrency = Limits.INSTANCE_CONCURRENCY.fallback();
    private int minInstances = Limits.MIN_INSTANCES.fallback();
    private int maxInstances = Limits.MAX_INSTANCES.fallback();
    private Duration idleTimeout = Limits.IDLE_TIMEOUT.fallback();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private final List<HttpTrigger> triggers = new ArrayList<>();
    private final List<TimerTrigger> timers = new ArrayList<>();
    private Watermarks watermarks = Watermarks.NONE;
    private @Nullable CustomContainer container;

    FunctionSpecBuilder(String name, @Nullable Path code, String handler) {
        this.name = requireNonNull(name, "name");
        this.code = code;
        this.handler = requireNonNull(handler, "handler");
    }

    /** Sets the runtime. */
    public FunctionSpecBuilder runtime(Runtime runtime) {
        this.runtime = requireNonNull(runtime, "runtime");
        return this;
    }

    /**
     * Sets the language version the runtime's name asked for when it names one, e.g. {@code 3.12} of {@code
     * python3.12}; null (the default) when it names none.
     */
    public FunctionSpecBuilder runtimeVersion(@Nullable String runtimeVersion) {
        this.runtimeVersion = runtimeVersion;
        return this;
    }

    /** Sets the initializer, or null for none. */
    public FunctionSpecBuilder initializer(@Nullable String initializer) {
        this.initializer = initializer;
        return this;
    }

    /** Sets how long the initializer may take. */
    public FunctionSpecBuilder initializationTimeout(Duration initializationTimeout) {
        this.initializationTimeout = requireNonNull(initializationTimeout, "initializationTimeout");
        return this;
    }

    /** Sets how long one invocation may take. */
    public FunctionSpecBuilder timeout(Duration timeout) {
        this.timeout = requireNonNull(timeout, "timeout");
        return this;
    }

    /** Sets the memory limit in MB. */
    public FunctionSpecBuilder memoryMb(int memoryMb) {
        this.memoryMb = memoryMb;
        return this;
    }

    /** Sets the CPU limit in cores. */
    public FunctionSpecBuilder cpu(double cpu) {
        this.cpu = cpu;
        return this;
    }

    /** Sets the handler called before an instance is removed (null for none), and how long it may take. */
    public FunctionSpecBuilder preStop(@Nullable String preStop, Duration preStopTimeout) {
        this.preStop = preStop;
        this.preStopTimeout = requireNonNull(preStopTimeout, "preStopTimeout");
        return this;
    }

    /** Sets how a {@code custom} runtime function's server starts (by default {@code /code/bootstrap} on 9000). */
    public FunctionSpecBuilder customRuntime(CustomRuntime customRuntime) {
        this.customRuntime = requireNonNull(customRuntime, "customRuntime");
        return this;
    }

    /** Sets the size of the instance's writable {@code /tmp} in MB. */
    public FunctionSpecBuilder diskSizeMb(int diskSizeMb) {
        this.diskSizeMb = diskSizeMb;
        return this;
    }

    /** Sets how many requests one instance serves at once. */
    public FunctionSpecBuilder instanceConcurrency(int instanceConcurrency) {
        this.instanceConcurrency = instanceConcurrency;
        return this;
    }

    /** Sets the number of reserved instances. */
    public FunctionSpecBuilder minInstances(int minInstances) {
        this.minInstances = minInstances;
        return this;
    }

    /** Sets the most instances the function scales out to. */
    public FunctionSpecBuilder maxInstances(int maxInstances) {
        this.maxInstances = maxInstances;
        return this;
    }

    /** Sets how long an instance may sit idle before it is reclaimed. */
    public FunctionSpecBuilder idleTimeout(Duration idleTimeout) {
        this.idleTimeout = requireNonNull(idleTimeout, "idleTimeout");
        return this;
    }

    /** Adds (or replaces) one environment variable whose value is the platform secret {@code secret}. */
    public FunctionSpecBuilder secret(String key, String secret) {
        secrets.put(requireNonNull(key, "key"), requireNonNull(secret, "secret"));
        return this;
    }

    /** Adds (or replaces) one environment variable. */
    public FunctionSpecBuilder env(String key, String value) {
        env.put(requireNonNull(key, "key"), requireNonNull(value, "value"));
        return this;
    }

    /** Adds an HTTP trigger. */
    public FunctionSpecBuilder trigger(HttpTrigger trigger) {
        triggers.add(requireNonNull(trigger, "trigger"));
        return this;
    }

    /** Adds a timer trigger. */
    public FunctionSpecBuilder timer(TimerTrigger timer) {
        timers.add(requireNonNull(timer, "timer"));
        return this;
    }

    /** Makes this a {@code custom-container} function running {@code container}. */
    public FunctionSpecBuilder container(CustomContainer container) {
        this.container = requireNonNull(container, "container");
        this.runtime = Runtime.CUSTOM_CONTAINER;
        return this;
    }

    /** Sets the watermarks. */
    public FunctionSpecBuilder watermarks(Watermarks watermarks) {
        this.watermarks = requireNonNull(watermarks, "watermarks");
        return this;
    }

    /**
     * Returns the spec.
     *
     * @throws IllegalArgumentException if a value is one no scheduler could honour (see {@link FunctionSpec})
     */
    public FunctionSpec build() {
        return new FunctionSpec(
                name,
                runtime,
                code,
                handler,
                initializer,
                initializationTimeout,
                timeout,
                memoryMb,
                cpu,
                instanceConcurrency,
                minInstances,
                maxInstances,
                idleTimeout,
                env,
                triggers,
                watermarks,
                container,
                secrets,
                diskSizeMb,
                preStop,
                preStopTimeout,
                runtime.isCustomRuntime() && customRuntime == null
                        ? new CustomRuntime(List.of(), List.of(), 9000)
                        : customRuntime,
                runtimeVersion,
                timers);
    }
}
