package dev.sluice.gateway.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TriggerRoutesTest {
    private static FunctionSpec function(String name, HttpTrigger... triggers) {
        var builder = FunctionSpec.builder(name, Path.of("/code/" + name + ".jar"), "example.App::handle");
        for (HttpTrigger trigger : triggers) {
            builder.trigger(trigger);
        }
        return builder.build();
    }

    private final TriggerRoutes routes = TriggerRoutes.of(List.of(
            function("site", HttpTrigger.of("/")),
            function("rules", new HttpTrigger("/api/rule", Set.of("GET", "POST"))),
            function("users", HttpTrigger.of("/api/user/"), HttpTrigger.of("/api/login"))));

    private String functionFor(String path) {
        TriggerRoutes.Route route = routes.match(path);
        return route == null ? "none" : route.function().name();
    }

    @Test
    void aTriggerPathMatchesItselfAndWhatIsBelowIt() {
        assertThat(functionFor("/api/rule")).isEqualTo("rules");
        assertThat(functionFor("/api/rule/7")).isEqualTo("rules");
        assertThat(functionFor("/api/user")).isEqualTo("users");
        assertThat(functionFor("/api/user/42")).isEqualTo("users");
        assertThat(functionFor("/api/login")).isEqualTo("users");
    }

    @Test
    void matchingIsOnWholeSegmentsAndTheLongestPathWins() {
        assertThat(functionFor("/api/rules")).as("not below /api/rule").isEqualTo("site");
        assertThat(functionFor("/index.html")).isEqualTo("site");
        assertThat(functionFor("/")).isEqualTo("site");
    }

    @Test
    void withoutACatchAllAnUncoveredPathHasNoRoute() {
        TriggerRoutes narrow = TriggerRoutes.of(List.of(function("rules", HttpTrigger.of("/api/rule"))));

        assertThat(narrow.match("/other")).isNull();
        assertThat(narrow.match("/api")).isNull();
    }

    @Test
    void aMountedFunctionSeesThePathBelowItsMount() {
        assertThat(TriggerRoutes.belowMount("/hello", "/hello/api/x?y=1")).isEqualTo("/api/x?y=1");
        assertThat(TriggerRoutes.belowMount("/hello/", "/hello/api")).isEqualTo("/api");
        assertThat(TriggerRoutes.belowMount("/hello", "/hello")).isEqualTo("/");
        assertThat(TriggerRoutes.belowMount("/hello", "/hello?x=1")).isEqualTo("/?x=1");
        assertThat(TriggerRoutes.belowMount("/", "/api/x")).isEqualTo("/api/x");
    }

    @Test
    void theMethodsOfAFunctionAreTheUnionOfItsTriggers() {
        FunctionSpec both =
                function("both", new HttpTrigger("/a", Set.of("GET")), new HttpTrigger("/b", Set.of("POST", "DELETE")));

        assertThat(TriggerRoutes.methodsOf(both)).containsExactly("DELETE", "GET", "POST");
    }
}
