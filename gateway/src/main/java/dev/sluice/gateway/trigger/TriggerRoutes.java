package dev.sluice.gateway.trigger;

import dev.sluice.config.function.FunctionSpec;
import dev.sluice.config.function.HttpTrigger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP-trigger paths of the deployed functions. A trigger path matches itself and everything below it, on
 * segment boundaries: {@code /api/rule} matches {@code /api/rule} and {@code /api/rule/7}, not {@code /api/rules};
 * {@code /} matches every path the gateway does not serve itself. The longest matching path wins. Immutable.
 */
final class TriggerRoutes {
    /** One trigger of one function. */
    record Route(String path, FunctionSpec function, HttpTrigger trigger) {}

    /** Longest path first, so the first match is the most specific. */
    private final List<Route> routes;

    private TriggerRoutes(List<Route> routes) {
        this.routes = routes;
    }

    static TriggerRoutes of(List<FunctionSpec> functions) {
        List<Route> routes = new ArrayList<>();
        for (FunctionSpec function : functions) {
            for (HttpTrigger trigger : function.triggers()) {
                routes.add(new Route(trigger.path(), function, trigger));
            }
        }
        routes.sort(Comparator.comparingInt((Route r) -> r.path().length()).reversed());
        return new TriggerRoutes(List.copyOf(routes));
    }

    /** Returns the route for {@code path} (no query), or null when no trigger covers it. */
    @Nullable
    Route match(String path) {
        for (Route route : routes) {
            if (covers(route.path(), path)) {
                return route;
            }
        }
        return null;
    }

    /** Returns the methods any trigger of {@code function} accepts, for the proxy URL form and {@code Allow}. */
    static Set<String> methodsOf(FunctionSpec function) {
        Set<String> methods = new TreeSet<>();
        function.triggers().forEach(t -> methods.addAll(t.methods()));
        return methods;
    }

    /**
     * Returns what a function mounted at {@code mount} sees of {@code uri} (a path the mount covers, with its query):
     * the rest of the path, {@code /} at least. {@code /hello} and {@code /hello/} both mount {@code /hello/api?x=1}
     * as {@code /api?x=1}.
     */
    static String belowMount(String mount, String uri) {
        String base = mount.endsWith("/") ? mount.substring(0, mount.length() - 1) : mount;
        String rest = uri.substring(Math.min(base.length(), uri.length()));
        if (rest.isEmpty() || rest.charAt(0) != '/') {
            return "/" + rest;
        }
        return rest;
    }

    private static boolean covers(String triggerPath, String path) {
        if (triggerPath.equals("/")) {
            return true;
        }
        String base = triggerPath.endsWith("/") ? triggerPath.substring(0, triggerPath.length() - 1) : triggerPath;
        return path.equals(base) || path.startsWith(base + "/");
    }
}
