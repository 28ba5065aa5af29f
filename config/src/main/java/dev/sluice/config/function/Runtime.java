package dev.sluice.config.function;

import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A language runtime a function's code runs on, and the form its handler strings take.
 *
 * <p>The name shadows {@link java.lang.Runtime} inside this package, on purpose: it is the word users write.
 */
@SuppressWarnings("JavaLangClash")
public enum Runtime {
    /** Java 17, running FC Java handlers ({@code package.Class::method}). */
    JAVA17(
            "java17",
            "a Java",
            Pattern.compile(
                    "(" + Names.JAVA_IDENTIFIER + "\\.)*" + Names.JAVA_IDENTIFIER + "::" + Names.JAVA_IDENTIFIER),
            "package.Class::method, e.g. example.HelloHandler::handleRequest"),
    /** Node.js 20, running FC Node.js handlers ({@code file.export}); code is a directory. */
    NODEJS20(
            "nodejs20",
            "a Node.js",
            Pattern.compile("([A-Za-z0-9_.-]+/)*[A-Za-z0-9_-]+\\.[A-Za-z_$][A-Za-z0-9_$]*"),
            "file.export, e.g. index.handler (exports.handler of index.js)"),
    /**
     * Python 3, running FC Python handlers ({@code module.function}); code is a directory. FC's {@code python3.N}
     * names all run on it: the image holds this machine's Python.
     */
    PYTHON3(
            "python3",
            "a Python",
            Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+"),
            "module.function, e.g. index.handler (def handler in index.py)"),
    /**
     * FC's custom runtime: the function's own server, started from its code ({@code command} and {@code args}, or
     * {@code /code/bootstrap}) in Sluice's base image (a shell, core utilities, Node.js), on its {@code port}.
     */
    CUSTOM("custom", "a", Pattern.compile(".*"), "any text, passed to the server as x-fc-function-handler"),
    /** A user's own image speaking FC's runtime protocol on its {@code port}; the handler is only passed along. */
    CUSTOM_CONTAINER(
            "custom-container",
            "a",
            Pattern.compile(".*"),
            "any text, passed to the container as x-fc-function-handler");

    /** Regular expression parts for the handler forms; a holder, because enum constants cannot see enum statics. */
    private static final class Names {
        static final String JAVA_IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    }

    /** FC's Python 3 names: {@code python3}, and {@code python3.N} (3.6 to 3.12 in FC's lists, any N here). */
    private static final Pattern PYTHON_NAME = Pattern.compile("python3(?:\\.(\\d{1,2}))?");

    private final String id;
    private final String language;
    private final Pattern handlerForm;
    private final String handlerHint;

    Runtime(String id, String language, Pattern handlerForm, String handlerHint) {
        this.id = id;
        this.language = language;
        this.handlerForm = handlerForm;
        this.handlerHint = handlerHint;
    }

    /** Returns whether {@code handler} (or an initializer) is written the way this runtime names functions. */
    public boolean isHandler(String handler) {
        return handlerForm.matcher(handler).matches();
    }

    /** Returns what a handler of this runtime is called in messages, e.g. {@code a Java handler}. */
    String handlerNoun(String key) {
        return language + " " + key;
    }

    /** Returns the expected handler form with an example, for messages. */
    String handlerHint() {
        return handlerHint;
    }

    /** Returns whether functions of this runtime run a user's image rather than one Sluice builds. */
    public boolean isCustomContainer() {
        return this == CUSTOM_CONTAINER;
    }

    /** Returns whether functions of this runtime run their own server from their code (FC's custom runtime). */
    public boolean isCustomRuntime() {
        return this == CUSTOM;
    }

    /** Returns whether Sluice's bootstrap serves this runtime's functions, calling their handlers. */
    public boolean isBuiltIn() {
        return this == JAVA17 || this == NODEJS20 || this == PYTHON3;
    }

    /** Returns whether this runtime loads code from a directory only (no jar or zip). */
    public boolean needsCodeDirectory() {
        return this == NODEJS20 || this == PYTHON3 || this == CUSTOM;
    }

    /** Returns the id written in {@code functions.yml}, e.g. {@code java17}. */
    public String id() {
        return id;
    }

    /** Returns the runtime whose id is exactly {@code id}, or empty if there is none. */
    public static Optional<Runtime> fromId(String id) {
        return Arrays.stream(values()).filter(r -> r.id.equals(id)).findFirst();
    }

    /**
     * Returns the runtime a name written in a document stands for: an id, or one of FC's {@code python3.N} names,
     * which run on {@link #PYTHON3}. Exact: other spellings are the readers' to map.
     */
    public static Optional<Runtime> fromName(String name) {
        return PYTHON_NAME.matcher(name).matches() ? Optional.of(PYTHON3) : fromId(name);
    }

    /**
     * Returns the language version a runtime name asks for beyond its runtime's id, e.g. {@code 3.12} of {@code
     * python3.12}; empty for {@code python3} and every other name.
     */
    public static Optional<String> versionAskedBy(String name) {
        Matcher python = PYTHON_NAME.matcher(name);
        return python.matches() && python.group(1) != null ? Optional.of("3." + python.group(1)) : Optional.empty();
    }

    /** Returns every id, comma-separated, for messages: {@code java17, nodejs20, custom-container}. */
    public static String ids() {
        return Arrays.stream(values()).map(Runtime::id).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return id;
    }
}
