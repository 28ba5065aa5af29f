package dev.sluice.gateway.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.testing.FakeScheduler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {
    private static final String FILE_TEXT = functions("hello", "web");
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private final FakeScheduler scheduler = new FakeScheduler();
    private DeploymentStore store;
    private SavedDeployment file;
    private Deployer deployer;

    /** A functions.yml with one java17 function per name, each with its own jar. */
    private static String functions(String... names) {
        StringBuilder text = new StringBuilder("functions:\n");
        for (String name : names) {
            text.append("  ")
                    .append(name)
                    .append(":\n")
                    .append("    runtime: java17\n")
                    .append("    code: ./")
                    .append(name)
                    .append(".jar\n")
                    .append("    handler: example.Handler::handle\n");
        }
        return text.toString();
    }

    @BeforeEach
    void startWithTheFile() throws IOException, ConfigException {
        for (String name : List.of("hello", "web", "todo")) {
            Files.write(dir.resolve(name + ".jar"), new byte[0]);
        }
        store = new DeploymentStore(dir.resolve("home"));
        file = SavedDeployment.ofFile(dir.resolve("functions.yml"), FILE_TEXT, START);
        deployer = new Deployer(scheduler, store, CodeRoots.of(dir), dir, file);
        deployer.start(file.document(CodeRoots.of(dir)));
    }

    private List<String> deployed() {
        return scheduler.deployed().stream().map(FunctionSpec::name).toList();
    }

    @Test
    void theStartupDeploymentIsDeployedButNotKept() throws IOException {
        assertThat(deployed()).containsExactly("hello", "web");
        assertThat(store.read()).isEmpty();
    }

    @Test
    void changesAreRefusedUntilTheStartupDeploymentIsInPlace() throws IOException {
        FakeScheduler fresh = new FakeScheduler();
        Deployer starting = new Deployer(fresh, store, CodeRoots.of(dir), dir, file);

        assertThat(catchThrowable(() -> starting.deploy(functions("todo"))))
                .isInstanceOf(Deployer.NotStartedException.class)
                .hasMessageContaining("try again once GET /readyz answers 200");
        assertThat(catchThrowable(() -> starting.remove("hello"))).isInstanceOf(Deployer.NotStartedException.class);
        assertThat(fresh.deployed()).isEmpty();
        assertThat(store.read()).isEmpty();
    }

    @Test
    void aDocumentDeployedThroughTheApiIsKeptAsItsTextOnTopOfTheStartupFile() throws Exception {
        scheduler.clock.advance(Duration.ofSeconds(90));

        deployer.deploy(functions("todo"));

        assertThat(deployed()).containsExactly("todo");
        SavedDeployment kept = store.read().orElseThrow();
        assertThat(kept.text()).isEqualTo(functions("todo"));
        assertThat(kept.source()).isEqualTo("request body");
        assertThat(kept.baseDir()).isEqualTo(dir);
        assertThat(kept.removed()).isEmpty();
        assertThat(kept.startup()).isEqualTo(file.startup());
        assertThat(kept.savedAt()).isEqualTo(Instant.parse("2026-01-01T00:01:30Z"));
        assertThat(deployer.running()).isEqualTo(kept);
    }

    @Test
    void aDocumentWithProblemsChangesNothingRunningOrKept() throws Exception {
        deployer.deploy(functions("todo"));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> deployer.deploy(functions("missing")));

        assertThat(e.problems()).singleElement().asString().startsWith("request body:4:11: functions.missing.code:");
        assertThat(deployed()).containsExactly("todo");
        assertThat(store.read().orElseThrow().text()).isEqualTo(functions("todo"));
    }

    @Test
    void aDeployTheSchedulerCannotPutInPlaceChangesNothingKept() throws Exception {
        FakeScheduler failing = new FakeScheduler() {
            @Override
            public void deploy(FunctionsDocument document) {
                if (document.function("todo").isPresent()) {
                    throw new IllegalStateException("the image could not be built");
                }
                super.deploy(document);
            }
        };
        Deployer deployer = new Deployer(failing, store, CodeRoots.of(dir), dir, file);
        deployer.start(file.document(CodeRoots.of(dir)));

        assertThat(catchThrowable(() -> deployer.deploy(functions("todo")))).hasMessage("the image could not be built");

        assertThat(store.read()).isEmpty();
        assertThat(deployer.running()).isEqualTo(file);
    }

    @Test
    void codeOutsideTheAllowedDirectoriesIsRefusedAtItsPlace() throws IOException {
        ConfigException e = catchThrowableOfType(
                ConfigException.class, () -> deployer.deploy(functions("hello").replace("./hello.jar", "/etc")));

        assertThat(e.problems())
                .singleElement()
                .asString()
                .isEqualTo("request body:4:11: functions.hello.code: \"/etc\" is outside the allowed directories ("
                        + dir + ") (expected: a path inside them; sluice up --allow-code-outside allows any)");
        assertThat(store.read()).isEmpty();
    }

    @Test
    void aRemovalFromTheStartupFileIsKeptAsTheFileWithoutTheFunction() throws Exception {
        deployer.remove("web");

        SavedDeployment kept = store.read().orElseThrow();
        assertThat(kept.text()).isEqualTo(FILE_TEXT);
        assertThat(kept.source()).isEqualTo(dir.resolve("functions.yml").toString());
        assertThat(kept.removed()).containsExactly("web");
        assertThat(kept.document(CodeRoots.of(dir)).functions())
                .extracting(FunctionSpec::name)
                .containsExactly("hello");
        assertThat(deployed()).containsExactly("hello");
    }

    @Test
    void aRemovalAfterADeployBuildsOnItAndTheNextDeployStartsAfresh() throws Exception {
        deployer.deploy(functions("todo", "web"));
        deployer.remove("todo");

        assertThat(store.read().orElseThrow().removed()).containsExactly("todo");
        assertThat(store.read().orElseThrow().text()).isEqualTo(functions("todo", "web"));

        deployer.deploy(functions("hello"));
        assertThat(store.read().orElseThrow().removed()).isEmpty();
    }

    @Test
    void removingAFunctionThatIsNotDeployedChangesNothingKept() throws IOException {
        assertThat(catchThrowable(() -> deployer.remove("nope"))).isInstanceOf(UnknownFunctionException.class);

        assertThat(store.read()).isEmpty();
    }
}
