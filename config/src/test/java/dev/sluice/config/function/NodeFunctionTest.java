package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.source.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeFunctionTest {
    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() throws IOException {
        documents = new Documents(dir);
        Files.createDirectories(dir.resolve("greeter"));
    }

    private static String node(String code, String handler, String initializer) {
        return "functions:\n  greeter:\n    runtime: nodejs20\n    code: " + code + "\n    handler: " + handler + "\n"
                + (initializer == null ? "" : "    initializer: " + initializer + "\n");
    }

    @Test
    void acceptsFcsNodeHandlerForms() throws ConfigException {
        FunctionSpec greeter = documents
                .parse(node("./greeter", "index.handler", "lib/setup.initializer"))
                .function("greeter")
                .orElseThrow();

        assertThat(greeter.runtime()).isEqualTo(Runtime.NODEJS20);
        assertThat(greeter.handler()).isEqualTo("index.handler");
        assertThat(greeter.initializer()).isEqualTo("lib/setup.initializer");
    }

    @Test
    void rejectsAJavaHandlerForANodeFunctionWithTheNodeForm() {
        assertThat(documents.problems(node("./greeter", "example.Hello::handle", null)))
                .containsExactly("functions.yml:5:14: functions.greeter.handler: \"example.Hello::handle\" is not a"
                        + " Node.js handler (expected: file.export, e.g. index.handler (exports.handler of index.js))");
    }

    @Test
    void rejectsAJarAsNodeCode() {
        assertThat(documents.problems(node("./hello/target/hello.jar", "index.handler", null)))
                .containsExactly("functions.yml:4:11: functions.greeter.code: \"./hello/target/hello.jar\" is a file,"
                        + " but nodejs20 loads code from a directory (expected: the directory holding your module,"
                        + " e.g. ./hello)");
    }
}
