package dev.sluice.gateway.export;

import io.fabric8.knative.serving.v1.TrafficTarget;
import io.fabric8.knative.serving.v1.TrafficTargetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Turns a function's aliases into a Knative Service's {@code traffic} block.
 *
 * <p>Knative splits by percent only the Service's own URL; a tag gives one revision a URL of its own ({@code
 * <tag>-<service>.<namespace>.<domain>}) and cannot split. So:
 *
 * <ol>
 *   <li>LATEST is {@code latestRevision: true}, tagged {@code latest}; it takes the Service's URL (100%) unless a
 *       main alias does.
 *   <li>Each alias is a tag on its own version's revision, {@code <function>-v<versionId>}, at 0%: {@code
 *       prod-todo...} always reaches that version.
 *   <li>The main alias, when one is named, takes the Service's URL with its weights: with {@code prod -> 3} and
 *       {@code {4: 20}}, revision {@code todo-v3} gets 80% and {@code todo-v4} 20% of the calls to the URL.
 *   <li>Weights of the other aliases cannot be expressed (a tag routes to one revision); {@link #unexpressed} names
 *       them.
 * </ol>
 *
 * <p>The revisions must exist under those names: the export of version N sets the template's {@code
 * metadata.name} to {@code <function>-v<N>}.
 */
public final class TrafficTargets {
    static final String LATEST_TAG = "latest";

    private TrafficTargets() {}

    /** Returns the name of the revision a version of {@code function} is deployed as, e.g. {@code todo-v3}. */
    public static String revisionName(String function, String versionId) {
        return function + "-v" + versionId;
    }

    /**
     * Returns the traffic block of {@code function}: LATEST, a tag per alias, and the main alias's split of the
     * Service's URL, if {@code mainAlias} names one.
     *
     * @throws IllegalArgumentException when {@code mainAlias} is not among {@code aliases}, an alias is named
     *     {@code latest}, or two aliases share a name
     */
    public static List<TrafficTarget> of(String function, List<AliasRoute> aliases, @Nullable String mainAlias) {
        check(aliases, mainAlias);
        Optional<AliasRoute> main =
                aliases.stream().filter(a -> a.name().equals(mainAlias)).findFirst();
        List<TrafficTarget> targets = new ArrayList<>();
        targets.add(new TrafficTargetBuilder()
                .withTag(LATEST_TAG)
                .withLatestRevision(true)
                .withPercent(main.isPresent() ? 0L : 100L)
                .build());
        for (AliasRoute alias : aliases) {
            boolean isMain = main.isPresent() && main.get().equals(alias);
            targets.add(revision(function, alias.versionId(), alias.name(), isMain ? alias.ownPercent() : 0));
        }
        if (main.isPresent()) {
            for (Map.Entry<String, Integer> weight :
                    main.get().additionalWeightsPercent().entrySet()) {
                targets.add(revision(function, weight.getKey(), null, weight.getValue()));
            }
        }
        return targets;
    }

    /** Returns one line for each weight of an alias other than the main one, which the block cannot carry. */
    public static List<String> unexpressed(String function, List<AliasRoute> aliases, @Nullable String mainAlias) {
        List<String> lines = new ArrayList<>();
        for (AliasRoute alias : aliases) {
            if (alias.name().equals(mainAlias)
                    || alias.additionalWeightsPercent().isEmpty()) {
                continue;
            }
            lines.add("alias " + alias.name() + " of " + function + " sends " + alias.additionalWeightsPercent()
                    + " (percent by version) elsewhere; its tag reaches version " + alias.versionId()
                    + " alone, since a Knative tag routes to one revision");
        }
        return lines;
    }

    private static TrafficTarget revision(String function, String versionId, @Nullable String tag, long percent) {
        return new TrafficTargetBuilder()
                .withTag(tag)
                .withRevisionName(revisionName(function, versionId))
                .withPercent(percent)
                .build();
    }

    private static void check(List<AliasRoute> aliases, @Nullable String mainAlias) {
        List<String> names = new ArrayList<>();
        for (AliasRoute alias : aliases) {
            if (alias.name().equals(LATEST_TAG)) {
                throw new IllegalArgumentException(
                        "alias: latest (expected: another name; the tag latest is LATEST's)");
            }
            if (names.contains(alias.name())) {
                throw new IllegalArgumentException("alias: " + alias.name() + " twice (expected: unique names)");
            }
            names.add(alias.name());
        }
        if (mainAlias != null && !names.contains(mainAlias)) {
            throw new IllegalArgumentException(
                    "mainAlias: " + mainAlias + " (expected: one of the aliases " + names + ")");
        }
    }
}
