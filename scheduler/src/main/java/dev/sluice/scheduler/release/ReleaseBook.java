package dev.sluice.scheduler.release;

import dev.sluice.config.function.CodeTree;
import dev.sluice.config.function.FunctionSpec;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.CallTarget;
import dev.sluice.scheduler.api.Clock;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.api.ReleaseException;
import dev.sluice.scheduler.api.Releases;
import dev.sluice.scheduler.api.UnknownFunctionException;
import dev.sluice.scheduler.api.UnknownQualifierException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Releases} of every function, in memory for the calls and in the {@link ReleaseStore} for good.
 *
 * <p>Reads ({@link #target}, the lists) take no lock: each function's releases are one immutable {@link Book},
 * replaced whole by a change. Changes are serialized on this object, and each is written to disk before it takes
 * effect, so a change that could not be kept changes nothing.
 */
public final class ReleaseBook implements Releases {
    /** Where the instances of versions come from: a pool per version, made when it is published or restored. */
    public interface Pools {
        /** Makes the pool of {@code version}, or fails saying why (an image that is gone); blocks. */
        void published(FunctionVersion version);

        /** Drains and forgets the pool of {@code version}, then runs {@code afterDrained}. */
        void deleted(FunctionVersion version, Runnable afterDrained);
    }

    private final ReleaseStore store;
    private final Clock clock;
    private final Function<String, @Nullable FunctionSpec> latest;
    private volatile Map<String, Book> books;
    private @Nullable Pools pools;

    /** One function's releases, never changed: a change makes a new one. */
    private record Book(int nextVersion, Map<String, FunctionVersion> versions, Map<String, Route> aliases) {
        static final Book EMPTY = new Book(1, Map.of(), Map.of());

        ReleaseStore.Kept kept(String function) {
            List<Alias> kept = new ArrayList<>();
            aliases.values().forEach(route -> kept.add(route.alias()));
            return new ReleaseStore.Kept(
                    ReleaseStore.FORMAT, function, nextVersion, new ArrayList<>(versions.values()), kept);
        }

        @Nullable
        FunctionVersion last() {
            FunctionVersion last = null;
            for (FunctionVersion version : versions.values()) {
                last = version;
            }
            return last;
        }
    }

    /** An alias and the split of its calls. */
    private record Route(Alias alias, TrafficSplit split) {}

    private ReleaseBook(
            ReleaseStore store, Clock clock, Function<String, @Nullable FunctionSpec> latest, Map<String, Book> books) {
        this.store = store;
        this.clock = clock;
        this.latest = latest;
        this.books = Map.copyOf(books);
    }

    /**
     * Opens the releases kept in {@code stateDir}.
     *
     * @param latest what is deployed as a function now (its LATEST), or null when it is not
     * @throws IOException if what is kept cannot be read; the message names the file
     */
    public static ReleaseBook open(Path stateDir, Clock clock, Function<String, @Nullable FunctionSpec> latest)
            throws IOException {
        ReleaseStore store = new ReleaseStore(stateDir);
        Map<String, Book> books = new HashMap<>();
        for (ReleaseStore.Kept kept : store.readAll()) {
            Map<String, FunctionVersion> versions = new TreeMap<>(ReleaseBook::byNumber);
            kept.versions().forEach(version -> versions.put(version.id(), version));
            Map<String, Route> aliases = new TreeMap<>();
            kept.aliases().forEach(alias -> aliases.put(alias.name(), new Route(alias, TrafficSplit.of(alias))));
            books.put(kept.function(), new Book(kept.nextVersion(), versions, aliases));
        }
        return new ReleaseBook(store, clock, latest, books);
    }

    /**
     * Makes the pools of every kept version through {@code pools}, and of every version published from now on.
     * A version whose pool cannot be made is said on {@code problems} and stays kept; its calls fail until it can.
     */
    public synchronized void attach(Pools pools, Consumer<String> problems) {
        this.pools = pools;
        for (Book book : books.values()) {
            for (FunctionVersion version : book.versions().values()) {
                try {
                    pools.published(version);
                } catch (RuntimeException e) {
                    problems.accept("version " + version.id() + " of function \"" + version.function()
                            + "\" cannot run: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public synchronized FunctionVersion publish(String function, String description) {
        FunctionSpec spec = latest.apply(function);
        if (spec == null) {
            throw new UnknownFunctionException(function);
        }
        Book book = book(function);
        Path code = spec.code();
        String sha256 = code == null ? "" : sha256(code);
        FunctionVersion last = book.last();
        if (last != null
                && last.codeSha256().equals(sha256)
                && last.spec().withCode(code).equals(spec)) {
            throw new ReleaseException(
                    FcError.RELEASE_CONFLICT,
                    "function \"" + function + "\" has not changed since version " + last.id() + ": deploy a change"
                            + " to its code or configuration first, or use version " + last.id());
        }
        String id = Integer.toString(book.nextVersion());
        FunctionSpec published = code == null ? spec : spec.withCode(store.copyCode(function, id, code));
        FunctionVersion version = new FunctionVersion(function, id, description, now(), published, sha256);
        Map<String, FunctionVersion> versions = copy(book.versions());
        versions.put(id, version);
        Book next = new Book(book.nextVersion() + 1, versions, book.aliases());
        try {
            keep(function, next);
            if (pools != null) {
                pools.published(version);
            }
        } catch (RuntimeException e) {
            keep(function, book);
            store.deleteCode(function, id);
            throw e;
        }
        return version;
    }

    @Override
    public List<FunctionVersion> versions(String function) {
        return List.copyOf(book(function).versions().values());
    }

    @Override
    public synchronized void deleteVersion(String function, String id) {
        Book book = book(function);
        FunctionVersion version = book.versions().get(id);
        if (version == null) {
            throw UnknownQualifierException.version(function, id);
        }
        List<String> users = new ArrayList<>();
        for (Route route : book.aliases().values()) {
            Alias alias = route.alias();
            if (alias.version().equals(id) || alias.weights().containsKey(id)) {
                users.add(alias.name());
            }
        }
        if (!users.isEmpty()) {
            throw new ReleaseException(
                    FcError.RELEASE_CONFLICT,
                    "version " + id + " of function \"" + function + "\" is used by alias " + String.join(", ", users)
                            + ": point the alias elsewhere (sluice alias set) or delete it first");
        }
        Map<String, FunctionVersion> versions = copy(book.versions());
        versions.remove(id);
        keep(function, new Book(book.nextVersion(), versions, book.aliases()));
        Runnable deleteCode = () -> store.deleteCode(function, id);
        if (pools != null) {
            pools.deleted(version, deleteCode);
        } else {
            deleteCode.run();
        }
    }

    @Override
    public synchronized Alias setAlias(
            String function, String name, String version, Map<String, Double> weights, String description) {
        Book book = book(function);
        AliasRules.check(function, name, version, weights, book.versions().keySet());
        Alias alias = new Alias(function, name, version, weights, description, now());
        Map<String, Route> aliases = new TreeMap<>(book.aliases());
        aliases.put(name, new Route(alias, TrafficSplit.of(alias)));
        keep(function, new Book(book.nextVersion(), book.versions(), aliases));
        return alias;
    }

    @Override
    public List<Alias> aliases(String function) {
        List<Alias> aliases = new ArrayList<>();
        book(function).aliases().values().forEach(route -> aliases.add(route.alias()));
        return aliases;
    }

    @Override
    public synchronized void deleteAlias(String function, String name) {
        Book book = book(function);
        if (!book.aliases().containsKey(name)) {
            throw UnknownQualifierException.alias(function, name);
        }
        Map<String, Route> aliases = new TreeMap<>(book.aliases());
        aliases.remove(name);
        keep(function, new Book(book.nextVersion(), book.versions(), aliases));
    }

    @Override
    public CallTarget target(String function, String qualifier) {
        Book book = book(function);
        if (AliasRules.isVersionId(qualifier)) {
            FunctionVersion version = book.versions().get(qualifier);
            if (version == null) {
                throw UnknownQualifierException.version(function, qualifier);
            }
            return new CallTarget(version.spec(), version.id(), qualifier);
        }
        Route route = book.aliases().get(qualifier);
        if (route == null) {
            throw UnknownQualifierException.alias(function, qualifier);
        }
        FunctionVersion version = book.versions().get(route.split().next());
        if (version == null) {
            // The aliases' versions cannot be deleted; a kept file edited by hand could still say so.
            throw UnknownQualifierException.version(function, route.alias().version());
        }
        return new CallTarget(version.spec(), version.id(), qualifier);
    }

    private static String sha256(Path code) {
        try {
            return CodeTree.sha256(code);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the code " + code, e);
        }
    }

    private Book book(String function) {
        Book book = books.get(function);
        return book == null ? Book.EMPTY : book;
    }

    /** Writes {@code book} to disk, then makes it {@code function}'s. */
    private void keep(String function, Book book) {
        try {
            store.write(book.kept(function));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the releases of \"" + function + "\": " + e.getMessage(), e);
        }
        Map<String, Book> next = new HashMap<>(books);
        next.put(function, book);
        books = Map.copyOf(next);
    }

    private Instant now() {
        return Instant.ofEpochMilli(clock.epochMillis());
    }

    private static Map<String, FunctionVersion> copy(Map<String, FunctionVersion> versions) {
        Map<String, FunctionVersion> copy = new TreeMap<>(ReleaseBook::byNumber);
        copy.putAll(versions);
        return copy;
    }

    private static int byNumber(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
