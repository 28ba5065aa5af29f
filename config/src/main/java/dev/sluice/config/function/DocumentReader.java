package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlMap;
import dev.sluice.config.source.YamlNode;
import dev.sluice.config.source.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads the top level of {@code functions.yml}: an optional {@code version: 1} and a non-empty {@code functions}
 * map, then each function and the checks across functions (unique trigger paths).
 */
final class DocumentReader {

    private static final List<String> KEYS = List.of("version", ServiceReader.KEY, "functions", PrewarmReader.KEY);
    private static final String EXPECTED = "a map with version: 1 and functions";

    private final Problems problems;
    private final CodeLocation codes;

    DocumentReader(Problems problems, CodeLocation codes) {
        this.problems = problems;
        this.codes = codes;
    }

    /** Returns what has no problems; the caller checks {@link Problems} before using it. */
    FunctionsDocument read(YamlNode root) {
        List<FunctionSpec> functions = new ArrayList<>();
        if (root instanceof YamlScalar scalar && scalar.isNull()) {
            problems.report(root, "", "the document is empty (expected: " + EXPECTED + ")");
            return new FunctionsDocument(functions);
        }
        Section document = Section.of(root, "", root, problems, "a functions document", EXPECTED);
        if (document == null) {
            return new FunctionsDocument(functions);
        }
        document.allowOnly(KEYS);
        checkVersion(document);
        Map<Runtime, Integer> prewarm = PrewarmReader.read(document);
        List<ServiceSpec> services = services(document);
        document.require("functions", "a map of function names to settings");
        Section section = document.child("functions", "a map", "function names to settings, e.g. hello: {...}");
        if (section == null) {
            return new FunctionsDocument(functions, prewarm, List.of(), services);
        }
        YamlMap map = section.map();
        if (map.isEmpty()) {
            problems.report(map, "functions", "no functions (expected: at least one, e.g. hello: {...})");
        }
        FunctionReader reader = new FunctionReader(problems, codes, new TriggerPaths());
        for (YamlMap.Entry entry : map.entries()) {
            FunctionSpec function = reader.read(entry);
            if (function != null) {
                functions.add(function);
            }
        }
        return new FunctionsDocument(functions, prewarm, List.of(), services);
    }

    private List<ServiceSpec> services(Section document) {
        List<ServiceSpec> services = new ArrayList<>();
        Section section = document.child(ServiceReader.KEY, "a map", "service names to settings, e.g. db: {...}");
        if (section == null) {
            return services;
        }
        ServiceReader reader = new ServiceReader(problems, codes);
        for (YamlMap.Entry entry : section.map().entries()) {
            ServiceSpec service = reader.read(entry);
            if (service != null) {
                services.add(service);
            }
        }
        return services;
    }

    private static void checkVersion(Section document) {
        @Nullable Long version = document.scalar("version", "a version", "1", Values::whole);
        document.inRange("version", version == null || version == 1, "1");
    }
}
