package dev.sluice.scheduler.release;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.sluice.config.function.CodeTree;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.AtomicFile;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.state.Directories;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where versions and aliases are kept: {@code releases/<function>/release.json} in the state directory (the versions
 * with their specs, the aliases, the next version's id) and {@code releases/<function>/v<id>/} (each version's copy
 * of its code). Unlike the per-run {@code code/} copies, these stay across runs: a version is for good.
 *
 * <p>The JSON is replaced atomically ({@link AtomicFile}); a version's code is copied before the JSON names it, so a
 * crash in between leaves an unnamed directory, which the next publish of that id replaces.
 */
final class ReleaseStore {
    static final int FORMAT = 1;
    private static final String FILE = "release.json";

    private final Path root;

    /** Keeps releases under {@code releases/} of {@code stateDir}. */
    ReleaseStore(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("releases");
    }

    /** What is kept of one function. */
    record Kept(int format, String function, int nextVersion, List<FunctionVersion> versions, List<Alias> aliases) {
        Kept {
            versions = List.copyOf(versions);
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * Returns every function's kept releases.
     *
     * @throws IOException if a file cannot be read or is not one this store wrote; the message names it
     */
    List<Kept> readAll() throws IOException {
        List<Kept> all = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return all;
        }
        try (DirectoryStream<Path> functions = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path dir : functions) {
                Path file = dir.resolve(FILE);
                if (Files.isRegularFile(file)) {
                    all.add(read(file));
                }
            }
        }
        return all;
    }

    private static Kept read(Path file) throws IOException {
        Kept kept;
        try {
            kept = SpecJson.MAPPER.readValue(file.toFile(), Kept.class);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage() + " (expected: the releases this version of"
                    + " Sluice kept; move the file away to start that function's releases afresh)");
        }
        if (kept.format() != FORMAT) {
            throw new IOException(file + ": format " + kept.format() + " (expected: " + FORMAT + ")");
        }
        return kept;
    }

    /** Replaces what is kept of {@code kept.function()}. */
    void write(Kept kept) throws IOException {
        AtomicFile.write(dir(kept.function()).resolve(FILE), SpecJson.MAPPER.writeValueAsBytes(kept));
    }

    /**
     * Copies {@code code} as version {@code id} of {@code function}'s, replacing whatever an interrupted publish left
     * there, and returns the copy's path.
     *
     * @throws UncheckedIOException if it cannot be copied; nothing is left
     */
    Path copyCode(String function, String id, Path code) {
        Path into = versionDir(function, id);
        Directories.deleteQuietly(into);
        // As an instance sees it, under the code's own name: a directory's contents below its name, a file by it.
        Path copy = into.resolve(String.valueOf(code.getFileName()));
        try {
            CodeTree.copyInto(code, Files.isDirectory(code) ? copy : into);
            return copy;
        } catch (IOException e) {
            Directories.deleteQuietly(into);
            throw new UncheckedIOException("cannot copy the code " + code + " to " + into, e);
        }
    }

    /** Removes version {@code id} of {@code function}'s code copy. */
    void deleteCode(String function, String id) {
        Directories.deleteQuietly(versionDir(function, id));
    }

    private Path dir(String function) {
        return root.resolve(function);
    }

    private Path versionDir(String function, String id) {
        return dir(function).resolve("v" + id);
    }
}
