package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Serverless Devs {@code s.yaml} into the same model as {@code functions.yml}, in both editions: FC 3.0
 * ({@code edition: 3.0.0}, resources of {@code component: fc3}, read by {@link Fc3PropsReader}) and FC 2.0 ({@code
 * edition: 1.0.0}, services of {@code component: fc}, read by {@link Fc2PropsReader}). {@code ${...}} references are
 * resolved first ({@link DevsVariables}). Settings that only describe the cloud (credentials, region, role, logs,
 * networks, mounts, layers) are named, all in one notice, and ignored; settings that would change how a function
 * behaves and that Sluice cannot honour are problems, reported all at once, and nothing is deployed.
 */
final class ServerlessDevsReader {
    static final String FC3 = "3.0.0";
    static final String FC2 = "1.0.0";
    private static final Set<String> TOP_LEVEL = Set.of("edition", "name", "access", "vars", "resources", "services");
    private static final Set<String> TOP_LEVEL_CLOUD = Set.of("access");
    /** Components that configure the cloud around functions (domains, logs, buckets); nothing runs locally. */
    private static final Set<String> CLOUD_COMPONENTS = Set.of("fc3-domain", "fc-domain", "sls", "oss", "ram", "vpc");

    private final Problems problems;
    private final CodeLocation codes;
    private final Map<String, String> env;
    private final DevsNotes notes;

    ServerlessDevsReader(Problems problems, CodeLocation codes, String source, Map<String, String> env) {
        this.problems = problems;
        this.codes = codes;
        this.env = env;
        this.notes = new DevsNotes(source);
    }

    /** Returns whether {@code root} is an s.yaml: Serverless Devs files, and only they, start with an edition. */
    static boolean isServerlessDevs(YamlNode root) {
        return root instanceof YamlMap map && map.get("edition") != null;
    }

    FunctionsDocument read(YamlNode raw) {
        YamlNode root = DevsVariables.resolve(raw, env, problems);
        List<FunctionSpec> functions = new ArrayList<>();
        Section file = Section.of(root, "", root, problems, "an s.yaml", "edition, name, resources");
        if (file == null) {
            return new FunctionsDocument(functions);
        }
        String edition = file.requiredString("edition", "an edition", FC3 + " (FC 3.0) or " + FC2 + " (FC 2.0)");
        YamlNode editionNode = file.node("edition");
        if (edition == null || editionNode == null) {
            return new FunctionsDocument(functions);
        }
        for (YamlMap.Entry entry : file.map().entries()) {
            if (TOP_LEVEL_CLOUD.contains(entry.name())) {
                notes.cloudOnly(entry.key(), entry.name());
            } else if (!TOP_LEVEL.contains(entry.name())) {
                file.report(entry.key(), entry.name(), "is not supported by Sluice (expected: " + TOP_LEVEL + ")");
            }
        }
        if (edition.equals(FC3)) {
            readComponents(file, "resources", "fc3", functions);
        } else if (edition.equals(FC2)) {
            readComponents(file, "services", "fc", functions);
        } else {
            file.report(
                    editionNode,
                    "edition",
                    editionNode.describe() + " is not an edition Sluice reads (expected: " + FC3 + " for FC 3.0, or "
                            + FC2 + " for FC 2.0)");
        }
        if (functions.isEmpty() && problems.count() == 0) {
            problems.report(root, "", "no function in this s.yaml (expected: at least one component fc3 or fc)");
        }
        return new FunctionsDocument(functions, Map.of(), notes.list());
    }

    private void readComponents(Section file, String key, String component, List<FunctionSpec> functions) {
        file.require(key, "a map of components, e.g. hello: { component: " + component + ", props: {...} }");
        Section components = file.child(key, "a map", "ids to { component, props }");
        if (components == null) {
            return;
        }
        for (YamlMap.Entry entry : components.map().entries()) {
            Section resource = Section.of(
                    entry.value(),
                    components.path(entry.name()),
                    entry.key(),
                    problems,
                    "a component",
                    "a map with component and props");
            if (resource == null) {
                continue;
            }
            FunctionSpec spec = readResource(entry, resource, component);
            if (spec == null) {
                continue;
            }
            if (functions.stream().anyMatch(f -> f.name().equals(spec.name()))) {
                resource.report(
                        entry.key(),
                        "",
                        "a function named \"" + spec.name() + "\" is already defined in this"
                                + " file (expected: unique function names)");
            } else {
                functions.add(spec);
            }
        }
    }

    private @Nullable FunctionSpec readResource(YamlMap.Entry entry, Section resource, String component) {
        String kind = resource.requiredString("component", "a component", component);
        for (YamlMap.Entry key : resource.map().entries()) {
            if (key.name().equals("actions")) {
                notes.note(
                        key.key(),
                        resource.path("actions"),
                        "actions are run by `s deploy`, not by Sluice: run"
                                + " their commands (e.g. npm install) yourself first");
            } else if (!Set.of("component", "props", "actions").contains(key.name())) {
                resource.report(key.key(), key.name(), "is not supported by Sluice (expected: component, props)");
            }
        }
        if (kind == null) {
            return null;
        }
        if (CLOUD_COMPONENTS.contains(kind)) {
            notes.cloudOnly(entry.key(), resource.path());
            return null;
        }
        YamlNode node = resource.node("component");
        if (!kind.equals(component) && node != null) {
            resource.report(
                    node,
                    "component",
                    node.describe() + " is not a function component Sluice runs (expected: " + component + " in an"
                            + " s.yaml of this edition)");
            return null;
        }
        resource.require("props", "the function's properties");
        Section props = resource.child("props", "a map", "functionName, runtime, code, handler, ...");
        if (props == null) {
            return null;
        }
        return component.equals("fc3")
                ? new Fc3PropsReader(problems, codes, notes).read(entry.name(), props)
                : new Fc2PropsReader(problems, codes, notes).read(entry.name(), props);
    }
}
