package dev.sluice.scheduler.api;

import java.util.List;
import java.util.Map;

/**
 * A function's versions and aliases (FC 3.0's releases): publish what is deployed as an immutable version, name
 * versions with aliases that may send a share of their calls to other versions, delete them. Every change is kept in
 * the state directory before it is answered, and a restarted gateway serves the same releases.
 *
 * <p>Changes run one at a time and block (a publish copies the code and may start the version's reserved
 * instances): call them off the event loop.
 */
public interface Releases {

    /**
     * Publishes what runs as {@code function} now (its LATEST: code and configuration) as its next version.
     *
     * @throws UnknownFunctionException if no function of that name is deployed
     * @throws ReleaseException ({@link FcError#RELEASE_CONFLICT}) if nothing changed since the last version
     */
    FunctionVersion publish(String function, String description);

    /** Returns {@code function}'s versions, oldest first; none for a function never published. */
    List<FunctionVersion> versions(String function);

    /**
     * Deletes version {@code id} of {@code function}; its instances drain and its code copy goes once they have.
     *
     * @throws UnknownQualifierException if there is no such version
     * @throws ReleaseException ({@link FcError#RELEASE_CONFLICT}) if an alias still sends calls to it
     */
    void deleteVersion(String function, String id);

    /**
     * Creates or replaces alias {@code name} of {@code function}: calls by it go to {@code version}, but for the
     * shares {@code weights} gives other versions (version id to a share from 0 to 1, summing to 1 at most).
     *
     * @throws UnknownQualifierException if a version named does not exist
     * @throws ReleaseException ({@link FcError#INVALID_ARGUMENT}) for a bad name or weight
     */
    Alias setAlias(String function, String name, String version, Map<String, Double> weights, String description);

    /** Returns {@code function}'s aliases, by name. */
    List<Alias> aliases(String function);

    /**
     * Deletes alias {@code name} of {@code function}.
     *
     * @throws UnknownQualifierException if there is no such alias
     */
    void deleteAlias(String function, String name);

    /**
     * Returns what a call of {@code function} by {@code qualifier} (a version's id or an alias, not {@link
     * CallTarget#LATEST}) runs; for an alias, the version its split gives this call. Never blocks.
     *
     * @throws UnknownQualifierException if the function has no such version or alias
     */
    CallTarget target(String function, String qualifier);
}
