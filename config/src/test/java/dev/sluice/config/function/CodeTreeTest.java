package dev.sluice.config.function;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeTreeTest {
    @TempDir
    Path dir;

    @Test
    void aDirectorysContentsAndAFileByItsNameAreCopiedReadableByAll() throws Exception {
        Path code = Files.createDirectories(dir.resolve("hello/lib"));
        Files.writeString(dir.resolve("hello/index.js"), "one");
        Files.writeString(code.resolve("util.js"), "two");
        Files.setPosixFilePermissions(code.resolve("util.js"), PosixFilePermissions.fromString("rw-------"));
        Path jar = Files.writeString(dir.resolve("app.jar"), "jar");

        CodeTree.copyInto(dir.resolve("hello"), dir.resolve("a"));
        CodeTree.copyInto(jar, dir.resolve("b"));

        assertThat(dir.resolve("a/index.js")).hasContent("one");
        assertThat(dir.resolve("a/lib/util.js")).hasContent("two");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/lib/util.js"))))
                .isEqualTo("rw-r--r--");
        assertThat(dir.resolve("b/app.jar")).hasContent("jar");
    }

    @Test
    void theSameTreeAnywhereHasTheSameDigestAndAnyChangeAnother() throws Exception {
        Path one = Files.createDirectories(dir.resolve("one/lib"));
        Files.writeString(one.resolve("a.js"), "a");
        CodeTree.copyInto(dir.resolve("one"), dir.resolve("two"));

        String digest = CodeTree.sha256(dir.resolve("one"));
        assertThat(digest).hasSize(64).isEqualTo(CodeTree.sha256(dir.resolve("two")));
        Files.move(dir.resolve("two/lib/a.js"), dir.resolve("two/lib/b.js"));
        assertThat(CodeTree.sha256(dir.resolve("two"))).as("a renamed file").isNotEqualTo(digest);
        Files.writeString(one.resolve("a.js"), "A");
        assertThat(CodeTree.sha256(dir.resolve("one"))).as("changed bytes").isNotEqualTo(digest);
        assertThat(CodeTree.sha256(one.resolve("a.js")))
                .as("a file: its bytes")
                .isEqualTo("559aead08264d5795d3909718cdd05abd49572e84fe55590eef31a88a08fdffd");
    }
}
