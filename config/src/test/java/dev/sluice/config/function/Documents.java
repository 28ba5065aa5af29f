package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Parses test documents against a directory where the usual code jars exist. */
final class Documents {

    /** A valid function; {@link #withSettings} adds lines from line 6 on, at the function's indent. */
    static final String MINIMAL =
            """
            functions:
              hello:
                runtime: java17
                code: ./hello/target/hello.jar
                handler: example.HelloHandler::handleRequest
            """;

    private final Path dir;

    Documents(Path dir) {
        this.dir = dir;
        try {
            for (String jar : List.of("hello/target/hello.jar", "todo/target/todo.jar")) {
                Path file = dir.resolve(jar);
                Files.createDirectories(file.getParent());
                Files.write(file, new byte[0]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Returns the minimal document with {@code lines} added to the function (each indented by four spaces). */
    static String withSettings(String... lines) {
        StringBuilder text = new StringBuilder(MINIMAL);
        for (String line : lines) {
            text.append("    ").append(line).append('\n');
        }
        return text.toString();
    }

    FunctionsDocument parse(String text) throws ConfigException {
        return FunctionsDocument.parse(text, "functions.yml", dir);
    }

    /** Returns the problems of a document that must fail, each as the user sees it. */
    List<String> problems(String text) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(text));
        assertThat(e).as("expected problems in:%n%s", text).isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
