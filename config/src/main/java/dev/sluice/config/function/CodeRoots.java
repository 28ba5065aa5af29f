package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The directories a document's {@code code:} paths must stay inside, or {@link #ANY}.
 *
 * <p>A function's code is mounted into its container, so a path such as {@code /} or {@code /etc} would hand the
 * host's files to whoever wrote the document, which may be anyone holding the admin token. {@code sluice up} allows
 * the directory of its functions.yml, its working directory and {@code $SLUICE_HOME}, unless it was started with
 * {@code --allow-code-outside}.
 *
 * <p>Paths are compared after following symbolic links on both sides, so a link inside a root that points out of it
 * is outside, and a root reached through a link (a temp directory under {@code /private} on macOS) still holds its
 * files. The file system root never counts as a root: a gateway started in {@code /} would otherwise allow every
 * path.
 */
public final class CodeRoots {

    /** Allows any path: {@code sluice up --allow-code-outside}, and tests whose code is in the build's directories. */
    public static final CodeRoots ANY = new CodeRoots(List.of(), true);

    /** Absolute and normalized, in the order given, without duplicates; empty when {@link #any}. */
    private final List<Path> dirs;

    private final boolean any;

    private CodeRoots(List<Path> dirs, boolean any) {
        this.dirs = List.copyOf(dirs);
        this.any = any;
    }

    /** Returns the roots {@code dirs} (relative ones against the working directory); the file system root is left out. */
    public static CodeRoots of(Collection<Path> dirs) {
        List<Path> absolute = new ArrayList<>();
        for (Path dir : dirs) {
            Path normalized = requireNonNull(dir, "dir").toAbsolutePath().normalize();
            if (normalized.getParent() != null && !absolute.contains(normalized)) {
                absolute.add(normalized);
            }
        }
        return new CodeRoots(absolute, false);
    }

    /** Returns the roots {@code dirs}. */
    public static CodeRoots of(Path... dirs) {
        return of(List.of(dirs));
    }

    /** Returns these roots and {@code dir}; {@link #ANY} stays {@link #ANY}. */
    public CodeRoots and(Path dir) {
        if (any) {
            return this;
        }
        List<Path> more = new ArrayList<>(dirs);
        more.add(dir);
        return of(more);
    }

    /** Returns whether any path is allowed. */
    public boolean allowsAny() {
        return any;
    }

    /** Returns the roots as given (absolute, normalized); empty for {@link #ANY}. */
    public List<Path> dirs() {
        return dirs;
    }

    /**
     * Returns whether {@code realPath}, a path with its links followed ({@link Path#toRealPath}), is one of the roots
     * or inside one.
     */
    boolean contains(Path realPath) {
        if (any) {
            return true;
        }
        for (Path dir : dirs) {
            Path root = real(dir);
            if (root.getParent() != null && realPath.startsWith(root)) {
                return true;
            }
        }
        return false;
    }

    /** Returns {@code dir} with its links followed, or as it is when it does not exist (yet), e.g. a new home. */
    private static Path real(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir;
        }
    }

    /** Returns the roots as a problem lists them, e.g. {@code /work/app, /home/me/.sluice}. */
    @Override
    public String toString() {
        if (any) {
            return "any directory";
        }
        if (dirs.isEmpty()) {
            return "none";
        }
        return dirs.stream().map(Path::toString).collect(Collectors.joining(", "));
    }
}
