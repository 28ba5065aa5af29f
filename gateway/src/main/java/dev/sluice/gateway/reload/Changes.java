package dev.sluice.gateway.reload;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a batch of changed paths means for the deployment: the deployed file changed, the code of some functions
 * changed (each with the first changed path, to say why), or sources a build turns into code changed.
 *
 * @param file whether the deployed file itself changed
 * @param code the functions whose code changed, each with the first of its changed paths, in the order seen
 * @param sources changed paths under the project that are nobody's code (for {@code --build}), in the order seen
 */
record Changes(boolean file, Map<String, Path> code, List<Path> sources) {

    /** Directories whose changes are never sources: version control, dependencies, build output, hidden ones. */
    private static final Set<String> NOT_SOURCES = Set.of("node_modules", "target", "build", "dist", "__pycache__");

    /**
     * Sorts {@code changed} (absolute, normalized paths).
     *
     * @param deployedFile the file {@code sluice up} deployed
     * @param codeByFunction each deployed function's code: a directory or a file
     * @param project where sources live (the file's directory), or null when no build is configured
     */
    static Changes of(Set<Path> changed, Path deployedFile, Map<String, Path> codeByFunction, @Nullable Path project) {
        boolean file = false;
        Map<String, Path> code = new LinkedHashMap<>();
        List<Path> sources = new ArrayList<>();
        for (Path path : changed) {
            if (path.equals(deployedFile)) {
                file = true;
                continue;
            }
            boolean someonesCode = false;
            for (Map.Entry<String, Path> function : codeByFunction.entrySet()) {
                if (path.startsWith(function.getValue())) {
                    code.putIfAbsent(function.getKey(), path);
                    someonesCode = true;
                }
            }
            if (!someonesCode && project != null && isSource(path, project)) {
                sources.add(path);
            }
        }
        return new Changes(file, code, sources);
    }

    /** Returns whether nothing here asks for a reload or a build. */
    boolean isEmpty() {
        return !file && code.isEmpty() && sources.isEmpty();
    }

    private static boolean isSource(Path path, Path project) {
        if (!path.startsWith(project)) {
            return false;
        }
        for (Path part : project.relativize(path)) {
            String name = part.toString();
            if (name.startsWith(".") || NOT_SOURCES.contains(name)) {
                return false;
            }
        }
        return true;
    }
}
