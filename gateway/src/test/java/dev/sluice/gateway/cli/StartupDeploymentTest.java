package dev.sluice.gateway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.gateway.deployment.DeploymentStore;
import dev.sluice.gateway.deployment.SavedDeployment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupDeploymentTest {
    private static final String FILE_TEXT =
            "functions:\n  hello:\n    runtime: java17\n    code: ./hello.jar\n    handler: example.Handler::handle\n";
    private static final String API_TEXT = FILE_TEXT.replace("hello:", "web:") + FILE_TEXT.substring(11);
    private static final Instant SAVED = Instant.parse("2026-03-01T12:03:44Z");

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ConsoleOutput output = new ConsoleOutput(
            new Console(
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(out, true, StandardCharsets.UTF_8)),
            false);
    private DeploymentStore store;
    private CodeRoots roots;
    private Path functions;

    @BeforeEach
    void createCode() throws Exception {
        Files.write(dir.resolve("hello.jar"), new byte[0]);
        store = new DeploymentStore(dir.resolve("home"));
        roots = CodeRoots.of(dir);
        functions = dir.resolve("functions.yml");
    }

    private SavedDeployment file(String text) {
        return SavedDeployment.ofFile(functions, text, Instant.parse("2026-03-02T08:00:00Z"));
    }

    private StartupDeployment choose(String fileText, boolean fresh) throws Exception {
        SavedDeployment file = file(fileText);
        return StartupDeployment.choose(store, file, file.document(roots), roots, fresh, output);
    }

    /** Keeps a deployment of {@code text} made through the API on top of the file as {@code FILE_TEXT}. */
    private void keep(String text) throws Exception {
        store.write(new SavedDeployment(
                text,
                SavedDeployment.REQUEST_BODY,
                dir,
                List.of(),
                file(FILE_TEXT).startup(),
                SAVED));
    }

    private String console() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static List<String> names(FunctionsDocument document) {
        return document.functions().stream().map(FunctionSpec::name).toList();
    }

    @Test
    void withNothingKeptTheFileIsDeployedWithoutAWord() throws Exception {
        StartupDeployment start = choose(FILE_TEXT, false);

        assertThat(start.restored()).isFalse();
        assertThat(start.what()).isEqualTo(functions.toString());
        assertThat(names(start.document())).containsExactly("hello");
        assertThat(console()).isEmpty();
    }

    @Test
    void aDeploymentKeptOnTopOfTheUnchangedFileIsRestoredAndSaysSo() throws Exception {
        keep(API_TEXT);

        StartupDeployment start = choose(FILE_TEXT, false);

        String made = "the deployment made through the API at " + StartupDeployment.time(SAVED);
        assertThat(start.restored()).isTrue();
        assertThat(names(start.document())).containsExactly("web", "hello");
        assertThat(start.saved()).isEqualTo(store.read().orElseThrow());
        assertThat(console())
                .isEqualTo(
                        "restored " + made + " (2 functions; sluice up --fresh starts from " + functions + " alone)\n");
    }

    @Test
    void anEditedFileWinsAndTheKeptDeploymentIsDroppedSayingSo() throws Exception {
        keep(API_TEXT);

        StartupDeployment start = choose(FILE_TEXT + "# edited\n", false);

        assertThat(start.restored()).isFalse();
        assertThat(names(start.document())).containsExactly("hello");
        assertThat(store.read()).isEmpty();
        assertThat(console())
                .isEqualTo(functions + " changed since the deployment made through the API at "
                        + StartupDeployment.time(SAVED) + ", so it is deployed as it is now and that deployment is"
                        + " dropped\n");
    }

    @Test
    void freshDropsTheKeptDeployment() throws Exception {
        keep(API_TEXT);

        StartupDeployment start = choose(FILE_TEXT, true);

        assertThat(start.restored()).isFalse();
        assertThat(store.read()).isEmpty();
        assertThat(console())
                .startsWith("dropped the deployment made through the API at ")
                .endsWith(" (--fresh); deploying " + functions + " alone\n");
    }

    @Test
    void aKeptDeploymentWhoseCodeIsGoneIsBadInputNamingFresh() throws Exception {
        keep(API_TEXT.replace("./hello.jar", "./gone.jar"));

        BadInputException e = catchThrowableOfType(BadInputException.class, () -> choose(FILE_TEXT, false));

        assertThat(e.getMessage())
                .startsWith("sluice: the deployment made through the API at " + StartupDeployment.time(SAVED)
                        + " (kept in " + store.file() + ") cannot be restored:\nrequest body:4:11: functions.web.code:")
                .endsWith("\nFix that, or start from " + functions + " alone with sluice up --fresh.");
        assertThat(store.read()).as("kept for the user to decide").isPresent();
    }

    @Test
    void anUnreadableKeptDeploymentIsBadInputUnlessFresh() throws Exception {
        Files.createDirectories(store.file().getParent());
        Files.writeString(store.file(), "not json");

        BadInputException e = catchThrowableOfType(BadInputException.class, () -> choose(FILE_TEXT, false));

        assertThat(e.getMessage())
                .startsWith("sluice: the deployment made through the API cannot be restored: " + store.file())
                .endsWith(". Start from " + functions + " alone with sluice up --fresh, which removes it.");
        assertThat(choose(FILE_TEXT, true).restored()).isFalse();
        assertThat(Files.exists(store.file())).isFalse();
    }
}
