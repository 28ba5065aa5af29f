package dev.sluice.gateway.export;

import dev.sluice.config.function.CodeTree;
import dev.sluice.config.function.CustomContainer;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.config.function.ServiceSpec;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Builds the image of each function and service: the runtime's image (or a custom container's own) with a layer
 * holding the code at {@code /code}, laid out as Sluice mounts it (a directory's contents, or a jar by its name),
 * and the environment Sluice gives an instance. A built-in runtime's image also gets {@code SLUICE_STANDALONE}, so
 * that its runtime initializes before it listens and takes plain requests (see {@code docs/cluster.md}).
 *
 * <p>The tag is {@code <registry>/<name>:} and 12 hex digits of a SHA-256 over the Dockerfile (which names the
 * base image by its own content-hash tag) and every code file's path and bytes: the same code on the same runtime
 * gives the same tag, and an existing tag is not built again.
 */
public final class ExportImages {
    static final String CODE_PATH = FcEnvironment.CODE_PATH;

    private final ImageEngine engine;
    private final String registry;

    public ExportImages(ImageEngine engine, String registry) {
        this.engine = engine;
        this.registry = registry;
    }

    /** Returns the image of {@code function}, building it when the engine lacks it. */
    public String function(FunctionSpec function) throws IOException {
        CustomContainer own = function.container();
        String base = own != null ? own.image() : engine.runtimeImage(function.runtime());
        return image(function.name(), base, function.code(), environment(function));
    }

    /** Returns the image of {@code service}, building it when the engine lacks it. */
    public String service(ServiceSpec service) throws IOException {
        String image = service.image();
        String base = image != null ? image : engine.runtimeImage(service.runtime());
        return image(service.name(), base, service.code(), Map.of());
    }

    /**
     * Returns the environment an instance of {@code function} finds in Sluice, less what differs per instance
     * ({@code FC_INSTANCE_ID}) and what the manifest carries (the function's own variables and secrets).
     */
    static Map<String, String> environment(FunctionSpec function) {
        Map<String, String> env = new LinkedHashMap<>();
        if (function.runtime().isBuiltIn()) {
            env.put("SLUICE_STANDALONE", standaloneMode(function));
        }
        env.put("HOME", "/tmp");
        env.put("TZ", "UTC");
        env.put("LANG", "C.UTF-8");
        env.putAll(FcEnvironment.of(function, FunctionManifest.port(function), CallTarget.LATEST));
        return env;
    }

    /** {@code http} when a trigger sends HTTP requests to the function's HTTP handler, else {@code event}. */
    static String standaloneMode(FunctionSpec function) {
        for (HttpTrigger trigger : function.triggers()) {
            if (!trigger.asEvent()) {
                return "http";
            }
        }
        return "event";
    }

    /** Returns the Dockerfile of an exported image. */
    static String dockerfile(String base, boolean hasCode, Map<String, String> env) {
        StringBuilder text = new StringBuilder();
        text.append("# Made by sluice export knative: the code and environment of one function on its runtime.\n");
        text.append("FROM ").append(base).append('\n');
        if (hasCode) {
            text.append("COPY code/ ").append(CODE_PATH).append("/\n");
        }
        env.forEach((name, value) -> text.append("ENV ")
                .append(name)
                .append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("$", "\\$"))
                .append("\"\n"));
        return text.toString();
    }

    private String image(String name, String base, @Nullable Path code, Map<String, String> env) throws IOException {
        Path context = Files.createTempDirectory("sluice-export-");
        try {
            if (code != null) {
                CodeTree.copyInto(code, context.resolve("code"));
            }
            String dockerfile = dockerfile(base, code != null, env);
            Files.writeString(context.resolve("Dockerfile"), dockerfile, StandardCharsets.UTF_8);
            String tag = registry + "/" + name + ":" + CodeTree.sha256(context).substring(0, 12);
            if (!engine.hasImage(tag)) {
                engine.build(context, tag);
            }
            return tag;
        } finally {
            deleteTree(context);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the build context " + dir, e);
        }
    }
}
