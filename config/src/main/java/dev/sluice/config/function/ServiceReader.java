package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Reads one entry of {@code services}: see {@link ServiceSpec} and {@code docs/functions-yml.md#services}. */
final class ServiceReader {
    static final String KEY = "services";
    private static final List<String> KEYS =
            List.of("runtime", "image", "code", "command", "args", "port", "env", "volumes", "memory", "cpu");
    /** A DNS label, since functions reach the service by its name. */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private static final String SETTINGS_HINT = "runtime, port and, for custom-container, image";
    private static final String VOLUMES_HINT = "container paths to volume names, e.g. { /data: todo-db }";
    private static final Limits.IntLimit PORT = new Limits.IntLimit(1, 65535, 0);

    private final Problems problems;
    private final CodeLocation codes;

    ServiceReader(Problems problems, CodeLocation codes) {
        this.problems = problems;
        this.codes = codes;
    }

    /** Returns the service declared by {@code entry}, or null if it has any problem (all of them reported). */
    @Nullable
    ServiceSpec read(YamlMap.Entry entry) {
        int before = problems.count();
        String name = entry.name();
        if (!NAME.matcher(name).matches()) {
            problems.report(
                    entry.key(),
                    KEY,
                    entry.key().describe() + " is not a valid service name (expected: lower-case letters, digits and"
                            + " -, starting with a letter: functions reach it by this name)");
        }
        Section section =
                Section.of(entry.value(), KEY + "." + name, entry.key(), problems, "a map of settings", SETTINGS_HINT);
        if (section == null) {
            return null;
        }
        section.allowOnly(KEYS);
        Runtime runtime = runtime(section);
        String image = runtime != null && runtime.isCustomContainer()
                ? section.requiredString("image", "an image", "a local image, e.g. my/db:1")
                : refuseImage(section);
        Path code = section.node("code") == null ? null : codes.read(section);
        List<String> command = ContainerReader.strings(section, "command");
        List<String> args = ContainerReader.strings(section, "args");
        section.require("port", "the port it listens on, e.g. 9092");
        int port = section.integer("port", PORT);
        EnvReader.Env env = EnvReader.read(section);
        Map<String, String> volumes = volumes(section);
        int memoryMb = Memory.read(section);
        double cpu = section.number("cpu", Limits.MIN_CPU, Limits.MAX_CPU, Limits.DEFAULT_CPU);
        if (problems.count() != before
                || runtime == null
                || (runtime.isCustomContainer() && image == null)
                || command == null
                || args == null) {
            return null;
        }
        return new ServiceSpec(
                name,
                runtime,
                image,
                code,
                command,
                args,
                port,
                env.variables(),
                env.secrets(),
                volumes,
                memoryMb,
                cpu);
    }

    private static @Nullable Runtime runtime(Section section) {
        String expected = "one of " + Runtime.ids();
        String id = section.requiredString("runtime", "a runtime", expected);
        Runtime runtime = id == null ? null : Runtime.fromName(id).orElse(null);
        YamlNode node = section.node("runtime");
        if (id != null && runtime == null && node != null) {
            section.report(node, "runtime", Section.notA(node, "a runtime", expected));
        }
        return runtime;
    }

    private static @Nullable String refuseImage(Section section) {
        YamlNode node = section.node("image");
        if (node != null) {
            section.report(node, "image", "is only for runtime custom-container (a runtime brings its own image)");
        }
        return null;
    }

    private static Map<String, String> volumes(Section section) {
        Map<String, String> volumes = new LinkedHashMap<>();
        Section map = section.child("volumes", "a map", VOLUMES_HINT);
        if (map == null) {
            return volumes;
        }
        for (YamlMap.Entry entry : map.map().entries()) {
            String path = entry.name();
            if (!path.startsWith("/") || path.contains("..") || path.equals("/")) {
                map.problems()
                        .report(
                                entry.key(),
                                map.path(),
                                entry.key().describe()
                                        + " is not a container directory (expected: an absolute path, e.g. /data)");
            }
            YamlNode value = entry.value();
            if (value instanceof YamlScalar scalar
                    && !scalar.isNull()
                    && EnvReader.SECRET.matcher(scalar.text()).matches()) {
                volumes.put(path, scalar.text());
            } else {
                map.report(
                        value,
                        path,
                        Section.notA(value, "a volume name", "lower-case letters, digits, _ . or -, e.g. todo-db"));
            }
        }
        return volumes;
    }
}
