package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Everything the platform needs to run one function: its code, handler, limits and scaling policy.
 *
 * <p>Specs read from {@code functions.yml} are validated against Function Compute's ranges (see {@code
 * docs/functions-yml.md}). The constructor itself only rejects values no scheduler could honour (a relative code
 * path, a zero timeout, {@code minInstances > maxInstances}), so tests may build specs outside FC's ranges; {@link
 * #builder} fills in the same defaults as the YAML.
 *
 * @param name the function name, unique in its document
 * @param runtime the language runtime
 * @param code the code: a {@code .jar} or {@code .zip} file or a directory; absolute and normalized; null only for a
 *     custom container without code
 * @param handler the entry point, e.g. {@code example.HelloHandler::handleRequest}
 * @param initializer the initializer run once per instance before it takes traffic, or null for none
 * @param initializationTimeout how long the initializer may take
 * @param timeout how long one invocation may take
 * @param memoryMb the instance's memory limit in MB
 * @param cpu the instance's CPU limit in cores, e.g. 0.5
 * @param instanceConcurrency how many requests one instance serves at once
 * @param minInstances reserved instances, created at deploy time and never reclaimed
 * @param maxInstances the most instances the function scales out to
 * @param idleTimeout how long an instance may sit idle before it is reclaimed (down to {@code minInstances})
 * @param env environment variables for the function's code, in the order written; unmodifiable
 * @param triggers HTTP triggers, possibly none; unmodifiable
 * @param watermarks resource watermarks that also drive scale-out
 * @param container the image and port of a {@code custom-container} function; null for every other runtime
 * @param secrets environment variables whose values are platform secrets: variable name to secret name, in the
 *     order written; unmodifiable
 * @param diskSizeMb the size of the instance's writable {@code /tmp} in MB (FC's disk size)
 * @param preStop the handler called ({@code GET /pre-stop}) before an instance is removed, or null for none
 * @param preStopTimeout how long the pre-stop handler may take; past it the instance is removed all the same
 * @param customRuntime how the server of a {@code custom} runtime function starts; null for every other runtime
 * @param runtimeVersion the language version the runtime's name asked for when it names one beyond the runtime,
 *     e.g. {@code 3.12} of {@code python3.12}, which runs on this machine's Python 3; null when it names none
 * @param timers timer triggers, possibly none; unmodifiable
 */
public record FunctionSpec(
        String name,
        Runtime runtime,
        @Nullable Path code,
        String handler,
        @Nullable String initializer,
        Duration initializationTimeout,
        Duration timeout,
        int memoryMb,
        double cpu,
        int instanceConcurrency,
        int minInstances,
        int maxInstances,
        Duration idleTimeout,
        Map<String, String> env,
        List<HttpTrigger> triggers,
        Watermarks watermarks,
        @Nullable CustomContainer container,
        Map<String, String> secrets,
        int diskSizeMb,
        @Nullable String preStop,
        Duration preStopTimeout,
        @Nullable CustomRuntime customRuntime,
        @Nullable String runtimeVersion,
        List<TimerTrigger> timers) {

    /** Checks the components, normalizes {@code code} and copies the collections. */
    public FunctionSpec {
        requireNonNull(name, "name");
        requireNonNull(runtime, "runtime");
        requireNonNull(handler, "handler");
        requireNonNull(watermarks, "watermarks");
        check(!name.isEmpty(), "name: \"\" (expected: not empty)");
        check(
                runtime.isCustomContainer() == (container != null),
                "container: " + container + " (expected: set exactly for runtime custom-container)");
        check(code != null || runtime.isCustomContainer(), "code: null (expected: a path)");
        check(
                runtime.isCustomRuntime() == (customRuntime != null),
                "customRuntime: " + customRuntime + " (expected: set exactly for runtime custom)");
        if (code != null) {
            check(code.isAbsolute(), "code: " + code + " (expected: an absolute path)");
            code = code.normalize();
        }
        checkPositive("initializationTimeout", initializationTimeout);
        checkPositive("timeout", timeout);
        checkPositive("idleTimeout", idleTimeout);
        checkPositive("preStopTimeout", preStopTimeout);
        check(memoryMb > 0, "memoryMb: " + memoryMb + " (expected: > 0)");
        check(cpu > 0, "cpu: " + cpu + " (expected: > 0)");
        check(diskSizeMb > 0, "diskSizeMb: " + diskSizeMb + " (expected: > 0)");
        check(instanceConcurrency >= 1, "instanceConcurrency: " + instanceConcurrency + " (expected: >= 1)");
        check(minInstances >= 0, "minInstances: " + minInstances + " (expected: >= 0)");
        check(maxInstances >= 1, "maxInstances: " + maxInstances + " (expected: >= 1)");
        check(
                minInstances <= maxInstances,
                "minInstances: " + minInstances + " (expected: <= maxInstances " + maxInstances + ")");
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        triggers = List.copyOf(triggers);
        timers = List.copyOf(timers);
    }

    /**
     * Returns a builder for a {@code java17} function with the same defaults as {@code functions.yml}.
     *
     * @param name the function name
     * @param code an absolute path to the code; null only for a custom container without code
     * @param handler the entry point, e.g. {@code example.HelloHandler::handleRequest}
     */
    public static FunctionSpecBuilder builder(String name, @Nullable Path code, String handler) {
        return new FunctionSpecBuilder(name, code, handler);
    }

    /** Returns this spec with its code at {@code code}: a version's own copy of it. */
    public FunctionSpec withCode(@Nullable Path code) {
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
                customRuntime,
                runtimeVersion,
                timers);
    }

    /** Returns whether an initializer is configured; if so it runs once per instance before any request. */
    public boolean hasInitializer() {
        return initializer != null;
    }

    private static void checkPositive(String name, Duration value) {
        requireNonNull(value, name);
        check(!value.isNegative() && !value.isZero(), name + ": " + value + " (expected: > 0)");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
