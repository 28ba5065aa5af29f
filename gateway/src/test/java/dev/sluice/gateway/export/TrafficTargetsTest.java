package dev.sluice.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.knative.serving.v1.TrafficTarget;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrafficTargetsTest {

    @Test
    void withoutAliasesLatestTakesEveryCall() {
        List<TrafficTarget> targets = TrafficTargets.of("todo", List.of(), null);

        assertThat(targets).hasSize(1);
        assertThat(targets.get(0).getLatestRevision()).isTrue();
        assertThat(targets.get(0).getPercent()).isEqualTo(100L);
        assertThat(targets.get(0).getTag()).isEqualTo("latest");
        assertThat(targets.get(0).getRevisionName()).isNull();
    }

    @Test
    void eachAliasIsATagOnItsVersionsRevisionAtZeroPercent() {
        List<TrafficTarget> targets =
                TrafficTargets.of("todo", List.of(AliasRoute.of("prod", "3"), AliasRoute.of("staging", "4")), null);

        assertThat(targets).extracting(TrafficTarget::getTag).containsExactly("latest", "prod", "staging");
        assertThat(targets).extracting(TrafficTarget::getRevisionName).containsExactly(null, "todo-v3", "todo-v4");
        assertThat(targets).extracting(TrafficTarget::getPercent).containsExactly(100L, 0L, 0L);
        assertThat(targets.get(1).getLatestRevision()).isNull();
    }

    @Test
    void theMainAliasSplitsTheServiceUrlByItsWeights() {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put("4", 20);
        weights.put("5", 5);
        AliasRoute prod = new AliasRoute("prod", "3", weights);

        List<TrafficTarget> targets = TrafficTargets.of("todo", List.of(prod, AliasRoute.of("beta", "5")), "prod");

        assertThat(targets).extracting(TrafficTarget::getTag).containsExactly("latest", "prod", "beta", null, null);
        assertThat(targets)
                .extracting(TrafficTarget::getRevisionName)
                .containsExactly(null, "todo-v3", "todo-v5", "todo-v4", "todo-v5");
        assertThat(targets).extracting(TrafficTarget::getPercent).containsExactly(0L, 75L, 0L, 20L, 5L);
        assertThat(targets.stream().mapToLong(TrafficTarget::getPercent).sum()).isEqualTo(100L);
    }

    @Test
    void weightsOfOtherAliasesAreNamedAsUnexpressed() {
        AliasRoute canary = new AliasRoute("canary", "3", Map.of("4", 10));

        assertThat(TrafficTargets.unexpressed("todo", List.of(canary), null))
                .containsExactly("alias canary of todo sends {4=10} (percent by version) elsewhere; its tag reaches"
                        + " version 3 alone, since a Knative tag routes to one revision");
        assertThat(TrafficTargets.unexpressed("todo", List.of(canary), "canary"))
                .isEmpty();
    }

    @Test
    void refusesAMainAliasThatIsNotAmongTheAliases() {
        assertThatThrownBy(() -> TrafficTargets.of("todo", List.of(AliasRoute.of("prod", "1")), "prd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mainAlias: prd (expected: one of the aliases [prod])");
    }

    @Test
    void refusesAnAliasNamedLatestOrTwoOfOneName() {
        assertThatThrownBy(() -> TrafficTargets.of("todo", List.of(AliasRoute.of("latest", "1")), null))
                .hasMessageContaining("the tag latest is LATEST's");
        assertThatThrownBy(() -> TrafficTargets.of(
                        "todo", List.of(AliasRoute.of("prod", "1"), AliasRoute.of("prod", "2")), null))
                .hasMessage("alias: prod twice (expected: unique names)");
    }

    @Test
    void refusesWeightsThatLeaveTheAliasItsOwnVersionNothing() {
        assertThatThrownBy(() -> new AliasRoute("prod", "1", Map.of("2", 60, "3", 40)))
                .hasMessage("alias prod: additional weights add up to 100% (expected: < 100, the rest goes to version"
                        + " 1)");
        assertThatThrownBy(() -> new AliasRoute("prod", "1", Map.of("1", 10)))
                .hasMessageContaining("is the alias's own version");
        assertThatThrownBy(() -> new AliasRoute("prod", "1", Map.of("2", 0)))
                .hasMessage("alias prod: version 2 weight 0% (expected: 1..99)");
    }
}
