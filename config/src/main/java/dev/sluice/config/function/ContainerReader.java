package dev.sluice.config.function;

import dev.sluice.config.source.YamlList;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reads the keys of a {@code custom-container} function: {@code image}, {@code port}, {@code command}, {@code args}. */
final class ContainerReader {
    static final List<String> KEYS = List.of("image", "port", "command", "args");
    private static final Limits.IntLimit PORT = new Limits.IntLimit(1, 65_535, 9000);

    private ContainerReader() {}

    /**
     * How a function's server starts when it brings its own: the image of a custom container, or the command of a
     * custom runtime; neither for the built-in runtimes.
     */
    record Server(@Nullable CustomContainer container, @Nullable CustomRuntime customRuntime) {
        /** Returns whether what {@code runtime} needs was read without a problem. */
        boolean isComplete(Runtime runtime) {
            return (container != null) == runtime.isCustomContainer()
                    && (customRuntime != null) == runtime.isCustomRuntime();
        }
    }

    /**
     * Returns the container of a custom-container function, or the start command of a custom runtime (null where a
     * key is wrong, reported); for a built-in runtime, reports every one of these keys it has (they would be
     * silently ignored).
     */
    static Server readFor(Section section, Runtime runtime) {
        if (runtime.isCustomContainer()) {
            return new Server(read(section), null);
        }
        if (runtime.isCustomRuntime()) {
            YamlNode image = section.node("image");
            if (image != null) {
                section.report(
                        image,
                        "image",
                        "is only for runtime custom-container (runtime custom runs its code in"
                                + " Sluice's base image)");
            }
            int port = section.integer("port", PORT);
            List<String> command = strings(section, "command");
            List<String> args = strings(section, "args");
            if (command == null || args == null || section.hasProblem("port")) {
                return new Server(null, null);
            }
            return new Server(null, new CustomRuntime(command, args, port));
        }
        refuseFor(section, runtime);
        return new Server(null, null);
    }

    /** Returns the container of a custom-container function, or null if a key is wrong (reported). */
    private static @Nullable CustomContainer read(Section section) {
        String image = section.requiredString("image", "an image", "a local image, e.g. my/echo:1");
        int port = section.integer("port", PORT);
        List<String> command = strings(section, "command");
        List<String> args = strings(section, "args");
        if (image == null || section.hasProblem("port") || command == null || args == null) {
            return null;
        }
        return new CustomContainer(image, port, command, args);
    }

    /** Reports every container key a function of another runtime has: they would be silently ignored. */
    private static void refuseFor(Section section, Runtime runtime) {
        for (String key : KEYS) {
            YamlNode node = section.node(key);
            if (node != null) {
                section.report(
                        node,
                        key,
                        "is only for runtime custom-container (this function's runtime is " + runtime.id() + ")");
            }
        }
    }

    /** Returns the list of strings under {@code key}; empty when absent, null when wrong (reported). */
    static @Nullable List<String> strings(Section section, String key) {
        YamlNode node = section.node(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof YamlList list)) {
            section.report(node, key, Section.notA(node, "a list", "e.g. [node, server.js]"));
            return null;
        }
        List<String> values = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlScalar scalar && !scalar.isNull()) {
                values.add(scalar.text());
            } else {
                section.report(item, key, Section.notA(item, "a string", "each item a string"));
                return null;
            }
        }
        return values;
    }
}
