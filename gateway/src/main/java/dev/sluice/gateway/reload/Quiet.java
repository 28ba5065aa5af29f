package dev.sluice.gateway.reload;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Gathers changed paths until none has come for a quiet period: an editor's save (write, rename, chmod) or a build
 * writing a jar is one change, acted on once, after the files are written. Not thread-safe: the watch thread owns
 * it. Times are {@code System.nanoTime()} values, given in.
 */
final class Quiet {
    private final long quietNanos;
    private final Set<Path> changed = new LinkedHashSet<>();
    private long lastNanos;

    Quiet(Duration quiet) {
        this.quietNanos = quiet.toNanos();
    }

    /** Notes that {@code path} changed at {@code nowNanos}. */
    void changed(Path path, long nowNanos) {
        changed.add(path);
        lastNanos = nowNanos;
    }

    /** Returns whether changes are waiting and none came for the quiet period before {@code nowNanos}. */
    boolean isDue(long nowNanos) {
        return !changed.isEmpty() && nowNanos - lastNanos >= quietNanos;
    }

    /** Returns whether changes are waiting. */
    boolean isPending() {
        return !changed.isEmpty();
    }

    /** Returns the changed paths, in the order first seen, and forgets them. */
    Set<Path> take() {
        Set<Path> taken = new LinkedHashSet<>(changed);
        changed.clear();
        return taken;
    }
}
