package dev.sluice.scheduler.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Copies of functions' code files (a jar, a zip) as each version was deployed, in {@code code/} of the state
 * directory, so that a build rewriting the file in place ({@code mvn package} truncates and writes the same file)
 * cannot change the classes under the instances of the version still serving. A code directory is not copied: it
 * may hold a whole {@code node_modules}, and a runtime reads a directory's files once, at its first call.
 *
 * <p>One gateway owns the state directory at a time, so what a stopped or killed run left is removed at start.
 */
public final class CodeSnapshots {
    private final Path root;
    private final AtomicLong next = new AtomicLong();

    /** Uses {@code code/} under {@code stateDir}, emptied first. */
    public CodeSnapshots(Path stateDir) {
        this.root = stateDir.toAbsolutePath().normalize().resolve("code");
        clear();
    }

    /**
     * Returns what the instances of a new version of {@code function} run: a copy of {@code code} when it is a file,
     * else {@code code} itself.
     *
     * @throws UncheckedIOException if the file cannot be copied
     */
    public @Nullable Path pin(String function, @Nullable Path code) {
        if (code == null || !Files.isRegularFile(code)) {
            return code;
        }
        Path copy = root.resolve(function + "-" + next.incrementAndGet()).resolve(String.valueOf(code.getFileName()));
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(code, copy, StandardCopyOption.COPY_ATTRIBUTES);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + code + " to " + copy.getParent(), e);
        }
    }

    /** Deletes {@code pinned} if it is a copy this made: the version that ran it has drained. */
    public void release(@Nullable Path pinned) {
        Path version = pinned == null ? null : pinned.getParent();
        if (version != null && version.startsWith(root)) {
            Directories.deleteQuietly(version);
        }
    }

    /** Deletes every copy. */
    public void clear() {
        Directories.deleteQuietly(root);
    }
}
