package dev.sluice.gateway.export;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.FunctionVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A function's releases as the export writes them: its aliases as {@link AliasRoute}s (FC's shares from 0 to 1 in
 * whole percent, which is what a Knative traffic block takes) and the published versions they send calls to, each of
 * which becomes a revision of its own ({@code <function>-v<id>}).
 *
 * @param aliases the aliases, by name
 * @param versions the versions the aliases name, by id, each with its image
 * @param notes what the percents could not carry exactly, for the console and the file's comments
 */
public record ReleaseExport(List<AliasRoute> aliases, List<Version> versions, List<String> notes) {

    /** A published version to deploy as a revision: its spec (with its own code copy) and the image built of it. */
    public record Version(String id, FunctionSpec spec, String image) {}

    public ReleaseExport {
        aliases = List.copyOf(aliases);
        versions = List.copyOf(versions);
        notes = List.copyOf(notes);
    }

    /** Returns the versions {@code aliases} send calls to, oldest first, among {@code published}. */
    public static List<FunctionVersion> versionsUsed(List<Alias> aliases, List<FunctionVersion> published) {
        Set<String> used = new TreeSet<>();
        for (Alias alias : aliases) {
            used.add(alias.version());
            used.addAll(alias.weights().keySet());
        }
        List<FunctionVersion> versions = new ArrayList<>();
        for (FunctionVersion version : published) {
            if (used.contains(version.id())) {
                versions.add(version);
            }
        }
        return versions;
    }

    /**
     * Returns {@code alias} in whole percent: each share rounded to the nearest percent, a share that rounds to 0
     * left out; {@code notes} gets a line for each share that changed.
     */
    public static AliasRoute route(Alias alias, List<String> notes) {
        Map<String, Integer> percents = new LinkedHashMap<>();
        alias.weights().forEach((version, share) -> {
            int percent = (int) Math.round(share * 100);
            percent = Math.min(percent, 99);
            if (Math.abs(percent - share * 100) > 1e-9) {
                notes.add("alias " + alias.name() + " of " + alias.function() + " sends version " + version + " "
                        + share * 100 + "% of its calls; a traffic block takes whole percents, so "
                        + (percent == 0 ? "none" : percent + "%"));
            }
            if (percent > 0) {
                percents.put(version, percent);
            }
        });
        return new AliasRoute(alias.name(), alias.version(), percents);
    }
}
