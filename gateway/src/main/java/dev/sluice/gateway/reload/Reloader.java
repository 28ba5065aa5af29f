package dev.sluice.gateway.reload;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.scheduler.api.PlatformEvent;
import dev.sluice.scheduler.api.Scheduler;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;

/**
 * Hot reload: watches the file {@code sluice up} deployed and every deployed function's code, and when they change
 * deploys again, so that just the functions a change touches get a new version (the others keep their warm
 * instances; calls in flight finish on the old ones). Changes are acted on after {@link #QUIET} without another, and
 * a jar or zip only once it reads whole. A file with problems keeps what runs. With a build command, a change to the
 * project's sources runs it first; its output then reloads like any code change.
 *
 * <p>One thread watches and reloads; {@link #close} stops it.
 */
public final class Reloader implements AutoCloseable {
    static final Duration QUIET = Duration.ofMillis(300);
    private static final Duration POLL = Duration.ofMillis(50);
    /** How many quiet periods a jar that does not read whole is waited for before it is deployed all the same. */
    private static final int INCOMPLETE_WAITS = 20;
    /** Directories below a code directory that are not watched. */
    private static final Set<String> NOT_CODE = Set.of(".git");
    /** Directories below the project that are not watched for sources. */
    private static final Set<String> NOT_PROJECT =
            Set.of(".git", ".idea", ".vscode", "node_modules", "target", "build", "dist", "__pycache__");

    private final Path file;
    private final Path project;
    private final Deployer deployer;
    private final Scheduler scheduler;
    private final @Nullable Build build;
    private final Consumer<String> say;
    private final Consumer<String> problem;
    private final TreeWatch watch;
    private final Quiet quiet = new Quiet(QUIET);
    private final Set<Path> watched = new HashSet<>();
    private final Thread thread;
    private int incompleteWaits;
    /** A deploy (through the API, say) may have brought code to watch; the watch thread looks at its next turn. */
    private volatile boolean deployed;

    private volatile boolean closed;

    /**
     * Watches {@code file} (as given to {@code sluice up}) and the code of what {@code deployer} runs, once {@link
     * #start}ed.
     *
     * @param build a shell command run in the file's directory when its sources change, or null for none
     * @param say where what reloaded is said
     * @param problem where what could not reload is said
     */
    public Reloader(
            Path file,
            Deployer deployer,
            Scheduler scheduler,
            @Nullable String build,
            Consumer<String> say,
            Consumer<String> problem)
            throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.project = FunctionsDocument.directoryOf(this.file);
        this.deployer = deployer;
        this.scheduler = scheduler;
        this.build = build == null ? null : new Build(build, project, scheduler.clock(), say, problem);
        this.say = say;
        this.problem = problem;
        this.watch = new TreeWatch();
        this.thread = new Thread(this::run, "sluice-reload");
        thread.setDaemon(true);
    }

    /** Starts watching; returns this. */
    public Reloader start() {
        watchWhatRuns();
        deployer.onDeployed(document -> deployed = true);
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (!closed) {
                if (deployed) {
                    deployed = false;
                    watchWhatRuns();
                }
                for (Path path : watch.poll(POLL)) {
                    quiet.changed(
                            path.toAbsolutePath().normalize(), scheduler.clock().nanoTime());
                }
                if (quiet.isDue(scheduler.clock().nanoTime())) {
                    act(quiet.take());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ClosedWatchServiceException e) {
            // closed: done
        }
    }

    private void act(Set<Path> paths) {
        Changes changes = Changes.of(paths, file, codeByFunction(), build == null ? null : project);
        if (!changes.sources().isEmpty() && build != null) {
            build.run(display(changes.sources().get(0)));
        }
        if (!changes.file() && changes.code().isEmpty()) {
            return;
        }
        for (Path changed : changes.code().values()) {
            Path code = codeContaining(changed);
            if (code != null && !readsWhole(code) && incompleteWaits++ < INCOMPLETE_WAITS) {
                // Still being written: the whole batch (but the sources, built already) waits another quiet period.
                long now = scheduler.clock().nanoTime();
                changes.code().values().forEach(path -> quiet.changed(path, now));
                if (changes.file()) {
                    quiet.changed(file, now);
                }
                return;
            }
        }
        incompleteWaits = 0;
        reload(changes);
        watchWhatRuns();
    }

    private void reload(Changes changes) {
        long t0 = scheduler.clock().nanoTime();
        try {
            Deployer.Change change =
                    changes.file() ? deployer.reloadFile(file, FunctionsDocument.read(file)) : deployer.redeploy();
            String took =
                    String.format(Locale.ROOT, " in %.2f s", (scheduler.clock().nanoTime() - t0) / 1e9);
            report(changes, change, took);
        } catch (ConfigException e) {
            List<String> lines = new ArrayList<>();
            lines.add(display(file) + " has problems; still running the previous version:");
            e.problems().forEach(p -> lines.add(p.toString()));
            lines.add(e.problems().size() + (e.problems().size() == 1 ? " problem" : " problems")
                    + "; fix and save again");
            problem.accept(String.join("\n", lines));
        } catch (Deployer.NotStartedException e) {
            problem.accept("not reloaded: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            problem.accept("not reloaded, still running the previous version: " + e.getMessage());
        }
    }

    /** What a function became ({@code reloaded}, {@code deployed}, {@code removed}) and why. */
    private record Became(String what, String cause) {}

    /** Says what each touched function became, and shows it on the dashboard. */
    private void report(Changes changes, Deployer.Change change, String took) {
        Map<String, FunctionSpec> before = byName(change.before());
        Map<String, FunctionSpec> after = byName(change.after());
        Map<String, Became> lines = new LinkedHashMap<>();
        String fileCause = display(file) + " changed";
        changes.code().forEach((function, path) -> {
            if (after.containsKey(function)) {
                lines.put(function, new Became("reloaded", display(path) + " changed"));
            }
        });
        if (changes.file()) {
            after.forEach((name, spec) -> {
                if (!before.containsKey(name)) {
                    lines.put(name, new Became("deployed", fileCause));
                } else if (!Objects.equals(before.get(name), spec)) {
                    lines.putIfAbsent(name, new Became("reloaded", fileCause));
                }
            });
            before.keySet().stream()
                    .filter(name -> !after.containsKey(name))
                    .forEach(name -> lines.put(name, new Became("removed", fileCause)));
            if (lines.isEmpty()) {
                say.accept(fileCause + "; no function changed");
            }
        }
        lines.forEach((function, became) -> {
            say.accept(function + " " + became.what() + " (" + became.cause() + ")" + took);
            scheduler
                    .events()
                    .publish(new PlatformEvent.Reloaded(
                            scheduler.clock().epochMillis(), function, became.what(), became.cause()));
        });
    }

    /** Watches the file's directory, each function's code, and with a build the project's sources. */
    private void watchWhatRuns() {
        if (watched.add(project)) {
            if (build != null) {
                watch.watchTree(project, NOT_PROJECT);
            } else {
                watch.watchDirectory(project);
            }
        }
        for (Path code : codeByFunction().values()) {
            if (!watched.add(code)) {
                continue;
            }
            if (Files.isDirectory(code)) {
                watch.watchTree(code, NOT_CODE);
            } else if (code.getParent() != null && watched.add(code.getParent())) {
                watch.watchDirectory(code.getParent());
            }
        }
        watch.takeProblems().forEach(problem);
    }

    private Map<String, Path> codeByFunction() {
        Map<String, Path> code = new LinkedHashMap<>();
        for (FunctionSpec spec : deployer.document().functions()) {
            if (spec.code() != null) {
                code.put(spec.name(), spec.code());
            }
        }
        return code;
    }

    private @Nullable Path codeContaining(Path changed) {
        for (Path code : codeByFunction().values()) {
            if (changed.startsWith(code)) {
                return code;
            }
        }
        return null;
    }

    /** Returns whether {@code code} is a directory, or a jar or zip whose central directory reads (written whole). */
    static boolean readsWhole(Path code) {
        if (!Files.isRegularFile(code)) {
            return true;
        }
        try (ZipFile zip = new ZipFile(code.toFile())) {
            return zip.size() >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private String display(Path path) {
        return path.startsWith(project) ? project.relativize(path).toString() : path.toString();
    }

    private static Map<String, FunctionSpec> byName(FunctionsDocument document) {
        Map<String, FunctionSpec> byName = new LinkedHashMap<>();
        document.functions().forEach(spec -> byName.put(spec.name(), spec));
        return byName;
    }

    @Override
    public void close() {
        closed = true;
        try {
            watch.close();
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (IOException e) {
            // closing a watch service does not fail in practice; the daemon thread ends with the process
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
