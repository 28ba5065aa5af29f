package dev.sluice.scheduler.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.config.function.CustomRuntime;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import dev.sluice.config.function.Runtime;
import dev.sluice.config.function.TimerSchedule;
import dev.sluice.config.function.TimerTrigger;
import dev.sluice.config.function.Watermarks;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.api.ReleaseException;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.scheduler.api.UnknownQualifierException;
import dev.sluice.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseBookTest {
    @TempDir
    Path state;

    @TempDir
    Path work;

    private final ManualClock clock = new ManualClock();
    private final Map<String, FunctionSpec> deployed = new HashMap<>();
    private final List<String> pools = new ArrayList<>();
    private Path code;

    @BeforeEach
    void code() throws IOException {
        code = Files.createDirectories(work.resolve("hello"));
        Files.writeString(code.resolve("index.js"), "exports.handler = (e, c, cb) => cb(null, 'one');");
        deployed.put("hello", spec(code));
    }

    private static FunctionSpec spec(Path code) {
        return FunctionSpec.builder("hello", code, "index.handler")
                .runtime(Runtime.NODEJS20)
                .instanceConcurrency(4)
                .env("GREETING", "hi")
                .trigger(new HttpTrigger("/hello", Set.of("GET", "POST")))
                .timer(new TimerTrigger("tick", TimerSchedule.parse("@every 5m"), "{}", true))
                .watermarks(new Watermarks(70, 0))
                .initializationTimeout(Duration.ofSeconds(7))
                .build();
    }

    private ReleaseBook open() throws IOException {
        ReleaseBook book = ReleaseBook.open(state, clock, name -> deployed.get(name));
        book.attach(
                new ReleaseBook.Pools() {
                    @Override
                    public void published(FunctionVersion version) {
                        pools.add("+" + version.function() + "@" + version.id());
                    }

                    @Override
                    public void deleted(FunctionVersion version, Runnable afterDrained) {
                        pools.add("-" + version.function() + "@" + version.id());
                        afterDrained.run();
                    }
                },
                problem -> pools.add("! " + problem));
        return book;
    }

    @Test
    void aVersionRunsItsOwnCopyOfTheCodeAsItWas() throws IOException {
        ReleaseBook book = open();

        FunctionVersion one = book.publish("hello", "first");
        Files.writeString(code.resolve("index.js"), "exports.handler = (e, c, cb) => cb(null, 'two');");

        assertThat(one.id()).isEqualTo("1");
        assertThat(one.description()).isEqualTo("first");
        Path copy = one.spec().code();
        assertThat(copy).isNotNull().isNotEqualTo(code).startsWith(state);
        assertThat(Files.readString(copy.resolve("index.js"))).contains("'one'");
        assertThat(one.spec().withCode(code)).isEqualTo(deployed.get("hello"));
        assertThat(pools).containsExactly("+hello@1");
    }

    @Test
    void publishingWhatTheLastVersionIsIsRefused() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");

        assertThatThrownBy(() -> book.publish("hello", "again"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("has not changed since version 1")
                .satisfies(e -> assertThat(((ReleaseException) e).error()).isEqualTo(FcError.RELEASE_CONFLICT));

        Files.writeString(code.resolve("index.js"), "changed");
        assertThat(book.publish("hello", "").id()).isEqualTo("2");
    }

    @Test
    void aChangedConfigurationIsANewVersionToo() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");
        deployed.put(
                "hello",
                FunctionSpec.builder("hello", code, "index.handler")
                        .runtime(Runtime.NODEJS20)
                        .memoryMb(256)
                        .build());

        assertThat(book.publish("hello", "").spec().memoryMb()).isEqualTo(256);
    }

    @Test
    void onlyADeployedFunctionIsPublished() throws IOException {
        assertThatThrownBy(() -> open().publish("nope", "")).isInstanceOf(UnknownFunctionException.class);
    }

    @Test
    void anAliasSplitsItsCallsByWeight() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");
        Files.writeString(code.resolve("index.js"), "two");
        book.publish("hello", "");

        book.setAlias("hello", "prod", "1", Map.of("2", 0.1), "gray");
        Map<String, Integer> versions = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            CallTarget target = book.target("hello", "prod");
            assertThat(target.qualifier()).isEqualTo("prod");
            assertThat(target.function().code()).startsWith(state);
            versions.merge(target.version(), 1, Integer::sum);
        }

        assertThat(versions).containsExactlyInAnyOrderEntriesOf(Map.of("1", 900, "2", 100));
        assertThat(book.target("hello", "2").version()).isEqualTo("2");
    }

    @Test
    void unknownQualifiersAreNamed() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");

        assertThatThrownBy(() -> book.target("hello", "7"))
                .isInstanceOf(UnknownQualifierException.class)
                .hasMessageContaining("has no version 7")
                .satisfies(
                        e -> assertThat(((UnknownQualifierException) e).error()).isEqualTo(FcError.VERSION_NOT_FOUND));
        assertThatThrownBy(() -> book.target("hello", "prod"))
                .isInstanceOf(UnknownQualifierException.class)
                .hasMessageContaining("no alias \"prod\"")
                .satisfies(
                        e -> assertThat(((UnknownQualifierException) e).error()).isEqualTo(FcError.ALIAS_NOT_FOUND));
    }

    @Test
    void aliasesAreChecked() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");

        assertThatThrownBy(() -> book.setAlias("hello", "LATEST", "1", Map.of(), ""))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("alias name \"LATEST\"");
        assertThatThrownBy(() -> book.setAlias("hello", "2nd", "1", Map.of(), ""))
                .hasMessageContaining("expected a letter");
        assertThatThrownBy(() -> book.setAlias("hello", "prod", "3", Map.of(), ""))
                .isInstanceOf(UnknownQualifierException.class);
        assertThatThrownBy(() -> book.setAlias("hello", "prod", "1", Map.of("1", 0.5), ""))
                .hasMessageContaining("the alias's own version");
        Files.writeString(code.resolve("index.js"), "two");
        book.publish("hello", "");
        assertThatThrownBy(() -> book.setAlias("hello", "prod", "1", Map.of("2", 1.5), ""))
                .hasMessageContaining("expected a share from 0 to 1");
        assertThat(book.aliases("hello")).isEmpty();
    }

    @Test
    void aVersionAnAliasUsesIsNotDeleted() throws IOException {
        ReleaseBook book = open();
        book.publish("hello", "");
        Files.writeString(code.resolve("index.js"), "two");
        book.publish("hello", "");
        book.setAlias("hello", "prod", "1", Map.of("2", 0.2), "");

        assertThatThrownBy(() -> book.deleteVersion("hello", "2"))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("used by alias prod");

        book.deleteAlias("hello", "prod");
        Path copy = book.versions("hello").get(1).spec().code();
        book.deleteVersion("hello", "2");

        assertThat(book.versions("hello")).extracting(FunctionVersion::id).containsExactly("1");
        assertThat(pools).containsExactly("+hello@1", "+hello@2", "-hello@2");
        assertThat(copy).doesNotExist();
        Files.writeString(code.resolve("index.js"), "three");
        assertThat(book.publish("hello", "").id()).as("ids are never reused").isEqualTo("3");
    }

    @Test
    void aReopenedBookHasTheSameVersionsAndAliases() throws IOException {
        ReleaseBook book = open();
        FunctionVersion one = book.publish("hello", "first");
        Files.writeString(code.resolve("index.js"), "two");
        book.publish("hello", "second");
        Alias prod = book.setAlias("hello", "prod", "1", Map.of("2", 0.1), "gray");
        pools.clear();

        ReleaseBook again = open();

        assertThat(again.versions("hello")).hasSize(2);
        assertThat(again.versions("hello").get(0)).isEqualTo(one);
        assertThat(again.aliases("hello")).containsExactly(prod);
        assertThat(pools).containsExactly("+hello@1", "+hello@2");
        Files.writeString(code.resolve("index.js"), "three");
        assertThat(again.publish("hello", "").id()).isEqualTo("3");
    }

    @Test
    void aSpecKeepsEveryKindOfField() throws IOException {
        FunctionSpec custom = FunctionSpec.builder("server", code, "index.handler")
                .runtime(Runtime.CUSTOM)
                .customRuntime(new CustomRuntime(List.of("node"), List.of("server.js"), 9000))
                .secret("DB_PASSWORD", "db-password")
                .preStop("index.preStop", Duration.ofSeconds(3))
                .initializer("index.init")
                .build();
        deployed.put("server", custom);

        FunctionVersion version = open().publish("server", "");
        FunctionSpec kept = open().versions("server").get(0).spec();

        assertThat(kept).isEqualTo(version.spec());
        assertThat(kept.withCode(code)).isEqualTo(custom);
    }

    @Test
    void aFileThatIsNotReleasesIsNamed() throws IOException {
        Path file = Files.createDirectories(state.resolve("releases/hello")).resolve("release.json");
        Files.writeString(file, "{not json");

        assertThatThrownBy(this::open).isInstanceOf(IOException.class).hasMessageContaining(file.toString());
    }
}
