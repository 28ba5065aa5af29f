package dev.sluice.gateway.export;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample app's functions.yml, read against a directory holding stand-ins for its code (the manifests name no
 * code, only images), with a fixed image per function and service, so that its manifests are always the same.
 */
final class SampleApp {
    /** Surefire runs in the module directory, {@code gateway/}; the sample app is beside it. */
    static final Path FILE =
            Path.of("").toAbsolutePath().resolveSibling("sample-functions").resolve("functions.yml");

    private SampleApp() {}

    static FunctionsDocument document(Path codeDir) throws IOException, ConfigException {
        for (String jar : List.of("todo/target/todo.jar", "hello/target/hello.jar")) {
            Files.createDirectories(codeDir.resolve(jar).getParent());
            Files.write(codeDir.resolve(jar), new byte[0]);
        }
        Files.createDirectories(codeDir.resolve("web"));
        Files.createDirectories(codeDir.resolve("todo/target/db"));
        String text = Files.readString(FILE, StandardCharsets.UTF_8);
        return FunctionsDocument.parse(text, "functions.yml", codeDir);
    }

    /** Returns {@code registry.example:5000/<name>:0123456789ab} for each function and service. */
    static Map<String, String> images(FunctionsDocument document) {
        Map<String, String> images = new LinkedHashMap<>();
        document.functions().forEach(f -> images.put(f.name(), image(f.name())));
        document.services().forEach(s -> images.put(s.name(), image(s.name())));
        return images;
    }

    static String image(String name) {
        return "registry.example:5000/" + name + ":0123456789ab";
    }

    static KnativeExport.Result export(FunctionsDocument document) {
        return KnativeExport.manifests(document, "functions.yml", images(document), Map.of(), null);
    }
}
