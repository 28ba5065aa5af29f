package dev.sluice.gateway.cli;

import dev.sluice.config.function.CodeRoots;
import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.gateway.deployment.DeploymentStore;
import dev.sluice.gateway.deployment.SavedDeployment;
import dev.sluice.gateway.deployment.StartingPoint;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * The deployment {@code sluice up} starts with: its file's, or the one made through the API before the gateway
 * stopped without a clean shutdown, kept in the state directory ({@link StartingPoint} decides which). Says on the
 * console which, unless it is simply the file.
 *
 * @param saved the deployment as the user gave it, for the API's later changes to build on
 * @param document the parsed document to deploy
 * @param what what is deployed, for the console: the file as given, or "the deployment made through the API at ..."
 * @param restored whether it is the kept deployment
 */
record StartupDeployment(SavedDeployment saved, FunctionsDocument document, String what, boolean restored) {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    /**
     * Returns what to deploy, given the startup file's deployment {@code file} (parsed: {@code fileDocument}) and
     * what {@code store} kept; drops the kept deployment when the file wins.
     *
     * @throws BadInputException if the kept deployment cannot be read, or no longer parses (its code is gone, or
     *     outside {@code roots}); the message says what, and that {@code --fresh} starts from the file alone
     * @throws IOException if the kept deployment cannot be dropped
     */
    static StartupDeployment choose(
            DeploymentStore store,
            SavedDeployment file,
            FunctionsDocument fileDocument,
            CodeRoots roots,
            boolean fresh,
            ConsoleOutput output)
            throws BadInputException, IOException {
        String name = file.source();
        Optional<SavedDeployment> kept;
        try {
            kept = store.read();
        } catch (IOException e) {
            if (!fresh) {
                throw new BadInputException("sluice: the deployment made through the API cannot be restored: "
                        + e.getMessage() + ". Start from " + name + " alone with sluice up --fresh, which removes it.");
            }
            kept = Optional.empty();
        }
        StartupDeployment fromFile = new StartupDeployment(file, fileDocument, name, false);
        StartingPoint point = StartingPoint.decide(kept, file.startup(), fresh);
        if (fresh) {
            store.delete();
        }
        if (point == StartingPoint.FILE || kept.isEmpty()) {
            return fromFile;
        }
        SavedDeployment saved = kept.get();
        String made = "the deployment made through the API at " + time(saved.savedAt());
        switch (point) {
            case RESTORED -> {
                // The code roots of the run that accepted it included its base directory (its working directory).
                FunctionsDocument document;
                try {
                    document = saved.document(roots.and(saved.baseDir()));
                } catch (ConfigException e) {
                    throw new BadInputException("sluice: " + made + " (kept in " + store.file() + ") cannot be"
                            + " restored:\n" + e.getMessage() + "\nFix that, or start from " + name + " alone with"
                            + " sluice up --fresh.");
                }
                output.say("restored " + made + " (" + count(document) + "; sluice up --fresh starts from " + name
                        + " alone)");
                return new StartupDeployment(saved, document, made, true);
            }
            case FRESH -> output.say("dropped " + made + " (--fresh); deploying " + name + " alone");
            case FILE_CHANGED -> {
                store.delete();
                output.say(name + " changed since " + made + ", so it is deployed as it is now and that deployment"
                        + " is dropped");
            }
            case OTHER_FILE -> {
                store.delete();
                output.say(made + " was on top of " + saved.startup().path() + ", not " + name + ", so " + name
                        + " is deployed and that deployment is dropped");
            }
            case FILE -> throw new AssertionError("handled above");
        }
        return fromFile;
    }

    private static String count(FunctionsDocument document) {
        int functions = document.functions().size();
        return functions + (functions == 1 ? " function" : " functions");
    }

    /** Returns {@code at} as the console shows it: the local time, with the date unless it is today. */
    static String time(Instant at) {
        ZonedDateTime local = at.atZone(ZoneId.systemDefault()).truncatedTo(ChronoUnit.SECONDS);
        boolean today = local.toLocalDate().equals(LocalDate.now(ZoneId.systemDefault()));
        return (today ? TIME : DATE_TIME).format(local);
    }
}
