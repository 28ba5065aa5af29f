package dev.sluice.gateway.deployment;

import static java.util.Objects.requireNonNull;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.scheduler.api.Scheduler;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Changes the deployment for the admin API ({@code PUT} a document, {@code DELETE} a function) and keeps each accepted
 * change in the {@link DeploymentStore}, so that the next {@code sluice up} with the same state directory restores
 * it.
 *
 * <ol>
 *   <li>Until {@link #start} put the startup deployment in place, changes are refused ({@link NotStartedException}):
 *       a change made while the gateway still builds images would be replaced by the startup deployment a moment
 *       later, while the store kept it.
 *   <li>A change that fails (a document with problems, an image that cannot be built) changes nothing, in the
 *       scheduler or on disk: the store is written only after the scheduler took the change.
 *   <li>Changes run one at a time, under this object's lock, so that the order on disk is the order in the
 *       scheduler. They block (the scheduler's deploy does): call them off the event loop.
 * </ol>
 */
public final class Deployer {
    private final Scheduler scheduler;
    private final DeploymentStore store;
    private final CodeRoots roots;
    private final Path requestBaseDir;

    /** What runs now, as the user gave it. Guarded by {@code this}. */
    private SavedDeployment running;

    /** Whether the startup deployment is in place. Guarded by {@code this}. */
    private boolean started;

    /** What the scheduler runs now, as parsed. Guarded by {@code this}. */
    private FunctionsDocument document = new FunctionsDocument(List.of());

    /** Told of each document once the scheduler runs it (timer triggers follow the deployment). */
    private final List<Consumer<FunctionsDocument>> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param roots where code paths of documents sent to the API may point
     * @param requestBaseDir where relative code paths of documents sent to the API resolve
     * @param running the deployment {@link #start} puts in place: the startup file's, or a restored one
     */
    public Deployer(
            Scheduler scheduler, DeploymentStore store, CodeRoots roots, Path requestBaseDir, SavedDeployment running) {
        this.scheduler = requireNonNull(scheduler, "scheduler");
        this.store = requireNonNull(store, "store");
        this.roots = requireNonNull(roots, "roots");
        this.requestBaseDir = requestBaseDir.toAbsolutePath().normalize();
        this.running = requireNonNull(running, "running");
    }

    /** Deploys {@code document}, the parsed startup deployment, and opens the API for changes. Blocks. */
    public synchronized void start(FunctionsDocument document) {
        scheduler.deploy(document);
        deployed(document);
        started = true;
    }

    /** Tells {@code listener} of each deployed document from now on, starting with the one running, if any. */
    public synchronized void onDeployed(Consumer<FunctionsDocument> listener) {
        listeners.add(listener);
        if (started) {
            listener.accept(document);
        }
    }

    private void deployed(FunctionsDocument next) {
        document = next;
        listeners.forEach(listener -> listener.accept(next));
    }

    /**
     * Deploys the document {@code text} in place of what runs, and keeps it. Blocks.
     *
     * @return the deployed document
     * @throws ConfigException if the document has problems; nothing changed
     * @throws NotStartedException if the startup deployment is not in place yet; nothing changed
     * @throws IOException if the deployment runs but could not be kept; a restart would not restore it
     * @throws RuntimeException if the scheduler could not put it in place (an image, a service); nothing changed
     */
    public synchronized FunctionsDocument deploy(String text) throws ConfigException, NotStartedException, IOException {
        checkStarted();
        FunctionsDocument document = FunctionsDocument.parse(text, SavedDeployment.REQUEST_BODY, requestBaseDir, roots);
        replace(
                document,
                new SavedDeployment(
                        text, SavedDeployment.REQUEST_BODY, requestBaseDir, List.of(), running.startup(), now()));
        return document;
    }

    /**
     * Removes {@code function} from what runs, and keeps the removal. Blocks.
     *
     * @throws dev.sluice.scheduler.api.UnknownFunctionException if no function of that name is deployed
     * @throws NotStartedException if the startup deployment is not in place yet; nothing changed
     * @throws IOException if the removal took effect but could not be kept; a restart would bring the function back
     */
    public synchronized void remove(String function) throws NotStartedException, IOException {
        checkStarted();
        scheduler.remove(function);
        deployed(document.without(List.of(function)));
        running = running.without(function, now());
        store.write(running);
    }

    /**
     * Deploys {@code text}, read from {@code file} (the file {@code sluice up} was started with, changed since), in
     * place of what runs, and keeps it: the user's latest word, as a restart with the file would be. Blocks.
     *
     * @return what ran before and what runs now
     * @throws ConfigException if the text has problems; nothing changed
     * @throws NotStartedException if the startup deployment is not in place yet; nothing changed
     * @throws IOException if the deployment runs but could not be kept
     */
    public synchronized Change reloadFile(Path file, String text)
            throws ConfigException, NotStartedException, IOException {
        checkStarted();
        SavedDeployment saved = SavedDeployment.ofFile(file, text, now());
        return replace(saved.document(roots), saved);
    }

    /**
     * Deploys what runs again, the document parsed anew: functions whose code changed get a new version, the others
     * keep their instances. Blocks.
     *
     * @return what ran before and what runs now
     * @throws ConfigException if the deployment no longer parses (a code path went away); nothing changed
     * @throws NotStartedException if the startup deployment is not in place yet; nothing changed
     */
    public synchronized Change redeploy() throws ConfigException, NotStartedException {
        checkStarted();
        try {
            return replace(running.document(roots), null);
        } catch (IOException e) {
            throw new IllegalStateException("nothing is written when the saved deployment stays", e);
        }
    }

    private Change replace(FunctionsDocument next, @Nullable SavedDeployment saved) throws IOException {
        FunctionsDocument before = document;
        scheduler.deploy(next);
        deployed(next);
        if (saved != null) {
            running = saved;
            store.write(saved);
        }
        return new Change(before, next);
    }

    /** Returns what the scheduler runs now, as parsed. */
    public synchronized FunctionsDocument document() {
        return document;
    }

    /** What a change replaced, and what it put in place. */
    public record Change(FunctionsDocument before, FunctionsDocument after) {}

    /** Returns what runs now, as the user gave it. */
    public synchronized SavedDeployment running() {
        return running;
    }

    /** Returns the file the deployment is kept in. */
    public Path storeFile() {
        return store.file();
    }

    private void checkStarted() throws NotStartedException {
        if (!started) {
            throw new NotStartedException();
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(scheduler.clock().epochMillis());
    }

    /** The startup deployment is not in place yet, so the API takes no changes. */
    public static final class NotStartedException extends Exception {
        private static final long serialVersionUID = 1L;

        NotStartedException() {
            super("sluice up is still putting its startup deployment in place (see GET /readyz); try again once"
                    + " GET /readyz answers 200");
        }
    }
}
