package dev.sluice.gateway.deployment;

import static java.util.Objects.requireNonNull;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deployment as the user gave it: the document's text and where it came from, and the functions removed from it
 * since. Parsing it again ({@link #document}) gives what the scheduler ran.
 *
 * <p>The text is kept rather than the parsed {@link FunctionsDocument}, which has no faithful way back to YAML (an
 * s.yaml's variables, a template's services); a removal ({@code DELETE /system/functions/NAME}) is a name added to
 * {@link #removed}, which is what {@code Scheduler.remove} does too: the same document without that function.
 *
 * @param text the document's text, as sent or read
 * @param source how problems name the document: the file's path as given to {@code sluice up}, or {@link
 *     #REQUEST_BODY}
 * @param baseDir where its relative code paths resolve (absolute)
 * @param removed the functions removed since it was deployed, in order, each once
 * @param startup the file {@code sluice up} was started with when this deployment was made
 * @param savedAt when it was deployed or a function was last removed from it
 */
public record SavedDeployment(
        String text, String source, Path baseDir, List<String> removed, StartupFile startup, Instant savedAt) {

    /** How problems name a document sent to {@code PUT /system/functions}. */
    public static final String REQUEST_BODY = "request body";

    /** Copies the list and makes the base directory absolute. */
    public SavedDeployment {
        requireNonNull(text, "text");
        requireNonNull(source, "source");
        baseDir = requireNonNull(baseDir, "baseDir").toAbsolutePath().normalize();
        removed = List.copyOf(removed);
        requireNonNull(startup, "startup");
        requireNonNull(savedAt, "savedAt");
    }

    /** Returns the deployment of the startup file itself, read as {@code text} from {@code file} (as given). */
    public static SavedDeployment ofFile(Path file, String text, Instant at) {
        return new SavedDeployment(
                text, file.toString(), FunctionsDocument.directoryOf(file), List.of(), StartupFile.of(file, text), at);
    }

    /** Returns the document this deployment runs: the text parsed again, without the removed functions. */
    public FunctionsDocument document(CodeRoots roots) throws ConfigException {
        return FunctionsDocument.parse(text, source, baseDir, roots).without(removed);
    }

    /** Returns this deployment with {@code function} removed at {@code at}. */
    public SavedDeployment without(String function, Instant at) {
        List<String> more = new ArrayList<>(removed);
        if (!more.contains(function)) {
            more.add(function);
        }
        return new SavedDeployment(text, source, baseDir, more, startup, at);
    }
}
