package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.source.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeValidationTest {

    @TempDir
    Path dir;

    private Documents documents;

    @BeforeEach
    void createCode() {
        documents = new Documents(dir);
    }

    private String withCode(String code) {
        return Documents.MINIMAL.replace("./hello/target/hello.jar", code);
    }

    @Test
    void reportsMissingCodeWithTheResolvedPathAndHowToBuildIt() {
        Path resolved = dir.toAbsolutePath().resolve("app/target/app.jar");

        assertThat(documents.problems(withCode("./app/target/app.jar")))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"./app/target/app.jar\" not found at "
                        + resolved + " (build it first: run `mvn package`)");
    }

    @Test
    void reportsMissingCodeOutsideAMavenTargetWithoutTheMavenHint() {
        Path resolved = dir.toAbsolutePath().resolve("dist/app.zip");

        assertThat(documents.problems(withCode("dist/./app.zip")))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"dist/./app.zip\" not found at " + resolved
                        + " (build it first, or fix the path)");
    }

    @Test
    void rejectsAFileThatIsNeitherJarNorZip() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hi");

        assertThat(documents.problems(withCode("notes.txt")))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"notes.txt\" is not a .jar, .zip or"
                        + " directory (expected: a .jar, .zip or directory, relative to this file)");
    }

    @Test
    void rejectsAnEmptyPath() {
        assertThat(documents.problems(withCode("\"\"")))
                .containsExactly("functions.yml:4:11: functions.hello.code: \"\" is not a path (expected: a .jar,"
                        + " .zip or directory, relative to this file)");
    }

    @Test
    void acceptsADirectoryAZipAndAnAbsolutePath() throws IOException, ConfigException {
        Files.createDirectories(dir.resolve("classes"));
        Path zip = Files.write(dir.resolve("Code.ZIP"), new byte[0]).toAbsolutePath();

        assertThat(documents.parse(withCode("classes/")).functions().get(0).code())
                .isEqualTo(dir.toAbsolutePath().resolve("classes"));
        assertThat(documents.parse(withCode(zip.toString())).functions().get(0).code())
                .isEqualTo(zip);
    }

    @Test
    void resolvesPathsThatLeaveTheBaseDirectoryForAnotherAllowedOne() throws IOException, ConfigException {
        Path base = Files.createDirectories(dir.resolve("project"));

        FunctionsDocument document =
                FunctionsDocument.parse(withCode("../hello/target/hello.jar"), "f.yml", base, CodeRoots.of(base, dir));

        assertThat(document.functions().get(0).code())
                .isEqualTo(dir.toAbsolutePath().resolve("hello/target/hello.jar"));
    }
}
