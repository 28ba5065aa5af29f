package dev.sluice.gateway.reload;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The file system's change notifications (inotify on Linux) for some directories, each alone or with every
 * directory below it, directories made later included. Not thread-safe: one thread registers and polls.
 */
final class TreeWatch implements Closeable {
    private final WatchService service;
    private final Map<WatchKey, Path> directories = new HashMap<>();
    /**
     * The roots watched with their whole tree, each with the directory names its walk does not enter: a directory
     * created below one is watched too.
     */
    private final Map<Path, Set<String>> trees = new HashMap<>();
    /** Why some directory could not be watched (the system's limit on watches, say), until taken. */
    private final List<String> problems = new ArrayList<>();

    TreeWatch() throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
    }

    /** Watches {@code dir} and every directory below it but those named in {@code skipped}. */
    void watchTree(Path dir, Set<String> skipped) {
        trees.put(dir, Set.copyOf(skipped));
        registerTree(dir, skipped);
    }

    /** Watches the entries of {@code dir} only. */
    void watchDirectory(Path dir) {
        register(dir);
    }

    /** Returns why some directories are not watched, and forgets it. */
    List<String> takeProblems() {
        List<String> taken = List.copyOf(problems);
        problems.clear();
        return taken;
    }

    /**
     * Waits up to {@code timeout} for changes and returns the changed paths (a directory itself when the system lost
     * count of its events), watching directories created under a tree.
     */
    List<Path> poll(Duration timeout) throws InterruptedException {
        WatchKey key = service.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<Path> changed = new ArrayList<>();
        while (key != null) {
            Path dir = directories.get(key);
            if (dir != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == OVERFLOW || !(event.context() instanceof Path name)) {
                        changed.add(dir);
                        continue;
                    }
                    Path path = dir.resolve(name);
                    changed.add(path);
                    Set<String> skipped = treeOf(dir);
                    if (event.kind() == ENTRY_CREATE
                            && skipped != null
                            && !skipped.contains(name.toString())
                            && Files.isDirectory(path)) {
                        registerTree(path, skipped);
                    }
                }
            }
            if (!key.reset()) {
                directories.remove(key);
            }
            key = service.poll();
        }
        return changed;
    }

    /** Returns the skip list of the tree {@code dir} is in, or null when it is watched alone. */
    private @Nullable Set<String> treeOf(Path dir) {
        for (Map.Entry<Path, Set<String>> tree : trees.entrySet()) {
            if (dir.startsWith(tree.getKey())) {
                return tree.getValue();
            }
        }
        return null;
    }

    private void registerTree(Path root, Set<String> skipped) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    if (!dir.equals(root) && skipped.contains(String.valueOf(dir.getFileName()))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    register(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable: nothing to watch there
                }
            });
        } catch (IOException e) {
            problems.add("cannot watch all of " + root + ": " + e.getMessage());
        }
    }

    private void register(Path dir) {
        try {
            directories.put(dir.register(service, ENTRY_CREATE, ENTRY_MODIFY, ENTRY_DELETE), dir);
        } catch (IOException e) {
            // ENOSPC is the system's limit on watches: say how to raise it, once.
            if (problems.isEmpty()) {
                problems.add("cannot watch " + dir + " (" + e.getMessage() + "); changes below it are not"
                        + " reloaded. On Linux, raise the limit on watches: sysctl fs.inotify.max_user_watches=524288");
            }
        }
    }

    @Override
    public void close() throws IOException {
        service.close();
    }
}
