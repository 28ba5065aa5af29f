package dev.sluice.scheduler.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Writes the {@code rootfs/} of a {@code FROM scratch} Python image from this machine's Python 3: the interpreter at
 * {@code /usr/bin/python3}, its standard library at {@code /usr/lib/python3.N} (with its compiled modules, without
 * site-packages, tests, IDLE and Tk), {@code libpython} in {@code /usr/lib} where the loader looks by default, the
 * host libraries the interpreter and its extension modules link against, and the bootstrap. No registry, no pip.
 *
 * <p>The interpreter finds its library from where it stands ({@code ../lib/python3.N/os.py}), so one layout serves
 * a Debian Python and one built elsewhere (pyenv, {@code /usr/local}) alike.
 */
final class PythonImageContext {
    /** The oldest Python the bootstrap runs on. */
    static final int OLDEST_MINOR = 8;

    /** Standard library parts a function does not run: the test suite, the GUI, pip's installer, build files. */
    private static final Set<String> LEFT_OUT =
            Set.of("site-packages", "dist-packages", "test", "idlelib", "tkinter", "turtledemo", "ensurepip");

    /** What {@code sys} and {@code sysconfig} say; printed one per line by {@link #PROBE}. */
    private static final String PROBE =
            """
            import sys, sysconfig, os
            print(os.path.realpath(sys.executable))
            print('%d.%d.%d' % sys.version_info[:3])
            print(sysconfig.get_path('stdlib'))
            print(sysconfig.get_config_var('DESTSHARED') or '')
            print(sys.implementation.cache_tag)
            """;

    /**
     * One Python installation.
     *
     * @param executable the interpreter's real path
     * @param version e.g. {@code 3.11.7}
     * @param stdlib the standard library directory, e.g. {@code /usr/lib/python3.11}
     * @param dynload the extension modules' directory ({@code lib-dynload}), possibly inside {@code stdlib}
     * @param cacheTag the compiled modules' tag, e.g. {@code cpython-311}
     */
    record Interpreter(Path executable, String version, Path stdlib, Path dynload, String cacheTag) {
        /** Returns {@code 3.11} of {@code 3.11.7}. */
        String minorVersion() {
            return version.substring(0, version.lastIndexOf('.'));
        }

        String libName() {
            return "python" + minorVersion();
        }
    }

    private final Interpreter python;

    PythonImageContext(Interpreter python) {
        this.python = python;
    }

    /** Returns the {@code python3} to build from: {@code SLUICE_PYTHON} if set, else the first on PATH, or null. */
    static @Nullable Path find(Map<String, String> env) {
        String configured = env.get("SLUICE_PYTHON");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        return HostPrograms.onPath("python3", env);
    }

    /**
     * Asks {@code python} (which may be a launcher such as pyenv's shim) which interpreter it runs and where its
     * library is.
     *
     * @throws ImageBuildException when it cannot run, is not Python 3.8 or later, or has no standard library
     */
    static Interpreter probe(Path python) {
        List<String> lines = HostPrograms.output(python, "its version and library", "-S", "-c", PROBE)
                .lines()
                .map(String::strip)
                .toList();
        if (lines.size() < 5) {
            throw new ImageBuildException(python + " did not say where its standard library is: " + lines);
        }
        String version = lines.get(1);
        String[] parts = version.split("\\.", -1);
        if (!parts[0].equals("3") || Integer.parseInt(parts[1]) < OLDEST_MINOR) {
            throw new ImageBuildException("the python3 image is made from this machine's Python 3, and " + python
                    + " is Python " + version + "; install Python 3." + OLDEST_MINOR + " or later (e.g. `apt-get"
                    + " install python3`) or set SLUICE_PYTHON=/path/to/python3");
        }
        Path stdlib = Path.of(lines.get(2));
        if (!Files.isRegularFile(stdlib.resolve("os.py"))) {
            throw new ImageBuildException(python + " names " + stdlib + " as its standard library, which has no os.py;"
                    + " set SLUICE_PYTHON to a complete Python 3 installation");
        }
        Path dynload = lines.get(3).isBlank() ? stdlib.resolve("lib-dynload") : Path.of(lines.get(3));
        return new Interpreter(Path.of(lines.get(0)), version, stdlib, dynload, lines.get(4));
    }

    void write(Path context, byte[] bootstrap) throws IOException {
        Path rootfs = context.resolve("rootfs");
        Path lib = rootfs.resolve("usr/lib").resolve(python.libName());
        Set<String> libraries = new TreeSet<>();
        copy(python.executable(), rootfs.resolve("usr/bin").resolve(python.libName()));
        Files.createSymbolicLink(rootfs.resolve("usr/bin/python3"), Path.of(python.libName()));
        Files.createSymbolicLink(rootfs.resolve("usr/bin/python"), Path.of(python.libName()));
        placeLibraries(rootfs, HostLibraries.neededBy(python.executable()), libraries);
        copyStandardLibrary(lib);
        copyExtensionModules(rootfs, lib.resolve("lib-dynload"), libraries);
        HostLibraries.copyInto(rootfs, libraries);
        HostLibraries.writeBaseLayout(rootfs);
        Path script = rootfs.resolve("opt/sluice/bootstrap.py");
        Files.createDirectories(script.getParent());
        Files.write(script, bootstrap);
    }

    /**
     * Adds the host libraries in {@code needed} to {@code libraries}, but copies a {@code libpython} of the
     * installation straight into {@code /usr/lib}: its host path (pyenv's, say) means nothing in the image.
     */
    private void placeLibraries(Path rootfs, Set<String> needed, Set<String> libraries) throws IOException {
        for (String library : needed) {
            Path path = Path.of(library);
            String name = String.valueOf(path.getFileName());
            if (name.startsWith("libpython")) {
                Path target = rootfs.resolve("usr/lib").resolve(name);
                if (!Files.exists(target)) {
                    copy(path.toRealPath(), target);
                }
            } else {
                libraries.add(library);
            }
        }
    }

    /** Copies the library's sources and their compiled forms for this interpreter, leaving {@link #LEFT_OUT} out. */
    private void copyStandardLibrary(Path target) throws IOException {
        Path from = python.stdlib();
        String compiled = "." + python.cacheTag() + ".pyc";
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = from.relativize(file);
                if (isLeftOut(relative) || Files.isDirectory(file)) {
                    continue;
                }
                String name = String.valueOf(file.getFileName());
                boolean cached = relative.toString().contains("__pycache__/");
                if (cached ? name.endsWith(compiled) : !name.endsWith(".pyc") && Files.exists(file)) {
                    // Timestamps kept: a compiled module is used only while it is as new as its source.
                    copy(file, target.resolve(relative.toString()));
                }
            }
        }
    }

    private boolean isLeftOut(Path relative) {
        String top = relative.getNameCount() == 0 ? "" : relative.getName(0).toString();
        return LEFT_OUT.contains(top)
                || top.startsWith("config-")
                || python.stdlib().resolve(top).equals(python.dynload());
    }

    /**
     * Copies the extension modules with the libraries they link against. A module whose library this machine lacks
     * (Tk, say) is left out: it cannot be imported here either.
     */
    private void copyExtensionModules(Path rootfs, Path target, Set<String> libraries) throws IOException {
        if (!Files.isDirectory(python.dynload())) {
            return; // everything built in
        }
        try (Stream<Path> files = Files.list(python.dynload())) {
            for (Path module : files.filter(f -> f.toString().endsWith(".so")).toList()) {
                if (String.valueOf(module.getFileName()).startsWith("_tkinter")) {
                    continue;
                }
                Set<String> needed;
                try {
                    needed = HostLibraries.neededBy(module);
                } catch (ImageBuildException missingLibrary) {
                    continue;
                }
                copy(module, target.resolve(String.valueOf(module.getFileName())));
                placeLibraries(rootfs, needed, libraries);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public String toString() {
        return "PythonImageContext{" + python + "}";
    }
}
