package dev.sluice.config.function;

import static java.util.Objects.requireNonNull;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code functions.yml} document: the functions it declares, all of them valid.
 *
 * <p>A document is validated whole: every problem is collected, with file, line, column and the key path as typed,
 * and any problem means a {@link ConfigException} and no document, so bad input never half-deploys. The schema is
 * described in {@code docs/functions-yml.md}. JSON is accepted too, since YAML includes it, and so is an Aliyun Fun
 * {@code template.yml} ({@code Transform: Aliyun::Serverless-2018-04-03}), mapped onto the same model.
 *
 * @param functions the functions in document order, names unique; unmodifiable
 * @param prewarm how many stem-cell containers to keep per runtime; runtimes not in it get none
 * @param notices what the document asked for that Sluice ignores on purpose (cloud-only settings of a Fun template),
 *     one line each with its position, for the user to see; empty for functions.yml
 * @param services the backing services the functions use, in document order, names unique
 */
public record FunctionsDocument(
        List<FunctionSpec> functions, Map<Runtime, Integer> prewarm, List<String> notices, List<ServiceSpec> services) {

    /** Copies the collections and checks that names are unique and counts not negative. */
    public FunctionsDocument {
        functions = List.copyOf(functions);
        prewarm = Map.copyOf(prewarm);
        notices = List.copyOf(notices);
        services = List.copyOf(services);
        Set<String> serviceNames = new HashSet<>();
        for (ServiceSpec service : services) {
            if (!serviceNames.add(service.name())) {
                throw new IllegalArgumentException("services: \"" + service.name() + "\" twice (expected: unique)");
            }
        }
        prewarm.forEach((runtime, count) -> {
            if (count < 0) {
                throw new IllegalArgumentException("prewarm." + runtime + ": " + count + " (expected: >= 0)");
            }
        });
        Set<String> names = new HashSet<>();
        for (FunctionSpec function : functions) {
            if (!names.add(function.name())) {
                throw new IllegalArgumentException("functions: \"" + function.name() + "\" twice (expected: unique)");
            }
        }
    }

    /** A document with these functions and no stem cells. */
    public FunctionsDocument(List<FunctionSpec> functions) {
        this(functions, Map.of(), List.of(), List.of());
    }

    /** A document with these functions and stem cells, and nothing ignored. */
    public FunctionsDocument(List<FunctionSpec> functions, Map<Runtime, Integer> prewarm) {
        this(functions, prewarm, List.of(), List.of());
    }

    /** A document with these functions, stem cells and notices, and no services. */
    public FunctionsDocument(List<FunctionSpec> functions, Map<Runtime, Integer> prewarm, List<String> notices) {
        this(functions, prewarm, notices, List.of());
    }

    /**
     * Reads and validates the document in {@code file} (UTF-8). Code paths are resolved against the file's directory
     * and must stay inside it. Problems name the file as given, e.g. {@code functions.yml:14:13: ...}.
     *
     * @throws ConfigException if the file cannot be read or has any problem
     */
    public static FunctionsDocument load(Path file) throws ConfigException {
        return load(file, CodeRoots.of(directoryOf(file)));
    }

    /**
     * As {@link #load(Path)}, with code paths allowed inside {@code roots}.
     *
     * @throws ConfigException if the file cannot be read or has any problem
     */
    public static FunctionsDocument load(Path file, CodeRoots roots) throws ConfigException {
        return parse(read(file), file.toString(), directoryOf(file), roots);
    }

    /**
     * Returns the text of {@code file} (UTF-8).
     *
     * @throws ConfigException naming the file, if it is missing, unreadable or not UTF-8
     */
    public static String read(Path file) throws ConfigException {
        String source = file.toString();
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(new ConfigProblem(source, 0, 0, "", "file not found"));
        } catch (CharacterCodingException e) {
            throw new ConfigException(new ConfigProblem(source, 0, 0, "", "is not UTF-8 text"));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(source, 0, 0, "", "cannot be read (" + e + ")"));
        }
    }

    /** Returns the directory of {@code file}, absolute: where its relative code paths resolve. */
    public static Path directoryOf(Path file) {
        return requireNonNull(file.toAbsolutePath().normalize().getParent(), "a file's directory");
    }

    /**
     * Parses and validates a document given as text. Code paths must stay inside {@code baseDir}.
     *
     * @param text the YAML or JSON text
     * @param sourceName how problems name the document, e.g. {@code functions.yml}
     * @param baseDir the directory that relative code paths are resolved against
     * @throws ConfigException if the document has any problem
     */
    public static FunctionsDocument parse(String text, String sourceName, Path baseDir) throws ConfigException {
        return parse(text, sourceName, baseDir, CodeRoots.of(baseDir), System.getenv());
    }

    /**
     * As {@link #parse(String, String, Path)}, with code paths allowed inside {@code roots}.
     *
     * @throws ConfigException if the document has any problem
     */
    public static FunctionsDocument parse(String text, String sourceName, Path baseDir, CodeRoots roots)
            throws ConfigException {
        return parse(text, sourceName, baseDir, roots, System.getenv());
    }

    /**
     * As {@link #parse(String, String, Path)}, with {@code env} as the environment an s.yaml's {@code ${env.NAME}}
     * references read.
     *
     * @throws ConfigException if the document has any problem
     */
    public static FunctionsDocument parse(String text, String sourceName, Path baseDir, Map<String, String> env)
            throws ConfigException {
        return parse(text, sourceName, baseDir, CodeRoots.of(baseDir), env);
    }

    /**
     * Parses and validates a document given as text.
     *
     * @param text the YAML or JSON text
     * @param sourceName how problems name the document, e.g. {@code functions.yml}
     * @param baseDir the directory that relative code paths are resolved against
     * @param roots where code paths may point, links followed
     * @param env the environment an s.yaml's {@code ${env.NAME}} references read
     * @throws ConfigException if the document has any problem
     */
    public static FunctionsDocument parse(
            String text, String sourceName, Path baseDir, CodeRoots roots, Map<String, String> env)
            throws ConfigException {
        requireNonNull(text, "text");
        Problems problems = new Problems(requireNonNull(sourceName, "sourceName"));
        CodeLocation codes = new CodeLocation(baseDir, requireNonNull(roots, "roots"));
        Optional<YamlNode> root = YamlReader.read(text, problems);
        FunctionsDocument document =
                root.map(node -> read(node, problems, sourceName, codes, env)).orElse(new FunctionsDocument(List.of()));
        problems.throwIfAny();
        return document;
    }

    /** Reads whichever format {@code root} is in: a functions.yml, a Fun template.yml or a Serverless Devs s.yaml. */
    private static FunctionsDocument read(
            YamlNode root, Problems problems, String sourceName, CodeLocation codes, Map<String, String> env) {
        if (ServerlessDevsReader.isServerlessDevs(root)) {
            return new ServerlessDevsReader(problems, codes, sourceName, env).read(root);
        }
        if (FunTemplateReader.isTemplate(root)) {
            return new FunTemplateReader(problems, codes, sourceName).read(root);
        }
        return new DocumentReader(problems, codes).read(root);
    }

    /**
     * Returns this document without the functions named in {@code removed}: what runs after each was removed from
     * it (the services, stem cells and notices stay).
     */
    public FunctionsDocument without(Collection<String> removed) {
        List<FunctionSpec> rest = functions.stream()
                .filter(spec -> !removed.contains(spec.name()))
                .toList();
        return new FunctionsDocument(rest, prewarm, notices, services);
    }

    /** Returns the function named {@code name}, or empty if the document has none. */
    public Optional<FunctionSpec> function(String name) {
        return functions.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
