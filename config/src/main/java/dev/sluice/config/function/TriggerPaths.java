package dev.sluice.config.function;

import dev.sluice.config.source.Problems;
import dev.sluice.config.source.YamlNode;
import java.util.HashMap;
import java.util.Map;

/**
 * The HTTP trigger paths claimed so far in one document, so that a path is routed to one function only. Paths are
 * compared exactly as written.
 */
final class TriggerPaths {

    /** Where a path was first claimed. */
    private record Claim(String keyPath, int line) {}

    private final Map<String, Claim> claims = new HashMap<>();

    /** Claims {@code urlPath} for the trigger at {@code keyPath}; reports it if an earlier trigger has it. */
    void claim(String urlPath, YamlNode at, String keyPath, Problems problems) {
        Claim first = claims.putIfAbsent(urlPath, new Claim(keyPath, at.line()));
        if (first != null) {
            problems.report(
                    at,
                    keyPath,
                    at.describe() + " is already the path of " + first.keyPath() + " at line " + first.line()
                            + " (expected: a path no other trigger uses)");
        }
    }
}
