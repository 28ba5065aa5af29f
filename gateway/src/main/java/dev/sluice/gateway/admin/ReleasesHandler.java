package dev.sluice.gateway.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.Alias;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.FunctionVersion;
import dev.sluice.scheduler.api.ReleaseException;
import dev.sluice.scheduler.api.Releases;
import dev.sluice.scheduler.api.SchedulerException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A function's versions and aliases under {@code /system/functions/{name}}: {@code versions} (GET lists, POST
 * publishes, DELETE {@code versions/{id}} deletes) and {@code aliases} (GET lists or shows one, PUT {@code
 * aliases/{alias}} creates or replaces, DELETE deletes). Bodies and answers use FC 3.0's field names ({@code versionId},
 * {@code additionalVersionWeight}, ...). Changes block (a publish copies code and may start instances): the {@link
 * AdminHandler} runs them off the event loop, with the admin token checked.
 */
final class ReleasesHandler {
    static final String VERSIONS = "versions";
    static final String ALIASES = "aliases";

    private final Releases releases;

    ReleasesHandler(Releases releases) {
        this.releases = releases;
    }

    /** A request under a function's {@code versions} or {@code aliases}: what it names. */
    record Path(String function, String collection, @Nullable String item) {
        /** Returns the path {@code rest} (below {@code /system/functions/}) names, or null when it is no such path. */
        static @Nullable Path of(String rest) {
            String[] parts = rest.split("/", -1);
            if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
                return null;
            }
            if (!parts[1].equals(VERSIONS) && !parts[1].equals(ALIASES)) {
                return null;
            }
            if (parts.length == 3 && parts[2].isEmpty()) {
                return null;
            }
            return new Path(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
        }

        /** Returns what a request with {@code method} changes, in words for a refusal, or null when it reads. */
        @Nullable
        String change(HttpMethod method) {
            if (HttpMethod.GET.equals(method)) {
                return null;
            }
            return collection.equals(VERSIONS) ? "publishing or deleting a version" : "setting or deleting an alias";
        }
    }

    /** Answers {@code request} for {@code path}; blocks for a change. */
    FullHttpResponse handle(FullHttpRequest request, Path path, String requestId) {
        HttpMethod method = request.method();
        String function = path.function();
        String item = path.item();
        try {
            if (path.collection().equals(VERSIONS)) {
                if (HttpMethod.GET.equals(method) && item == null) {
                    return ok(versions(function), requestId);
                } else if (HttpMethod.POST.equals(method) && item == null) {
                    String description = text(body(request), "description");
                    return Responses.json(
                            HttpResponseStatus.CREATED, json(releases.publish(function, description)), requestId);
                } else if (HttpMethod.DELETE.equals(method) && item != null) {
                    releases.deleteVersion(function, item);
                    return ok(versions(function), requestId);
                }
            } else if (HttpMethod.GET.equals(method)) {
                return item == null ? ok(aliases(function), requestId) : ok(json(alias(function, item)), requestId);
            } else if (HttpMethod.PUT.equals(method) && item != null) {
                return ok(json(setAlias(function, item, body(request))), requestId);
            } else if (HttpMethod.DELETE.equals(method) && item != null) {
                releases.deleteAlias(function, item);
                return ok(aliases(function), requestId);
            }
            return Responses.error(
                    FcError.METHOD_NOT_ALLOWED,
                    method + " " + request.uri() + " is not supported (GET|POST .../{name}/versions, DELETE"
                            + " .../{name}/versions/{id}, GET .../{name}/aliases[/{alias}], PUT|DELETE"
                            + " .../{name}/aliases/{alias})",
                    requestId,
                    function,
                    null);
        } catch (SchedulerException e) {
            return Responses.error(e.error(), String.valueOf(e.getMessage()), requestId, function, null);
        } catch (ReleaseException e) {
            return Responses.error(e.error(), String.valueOf(e.getMessage()), requestId, function, null);
        } catch (BadBody e) {
            return Responses.error(FcError.INVALID_ARGUMENT, e.getMessage(), requestId, function, null);
        } catch (UncheckedIOException e) {
            return Responses.error(
                    FcError.INTERNAL_ERROR, "nothing changed: " + e.getMessage(), requestId, function, null);
        }
    }

    private Alias alias(String function, String name) {
        for (Alias alias : releases.aliases(function)) {
            if (alias.name().equals(name)) {
                return alias;
            }
        }
        throw dev.sluice.scheduler.api.UnknownQualifierException.alias(function, name);
    }

    private Alias setAlias(String function, String name, JsonNode body) throws BadBody {
        String version = text(body, "versionId");
        if (version.isEmpty()) {
            throw new BadBody("versionId: missing (expected: the version the alias names, e.g. \"1\")");
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        JsonNode additional = body.path("additionalVersionWeight");
        if (!additional.isMissingNode() && !additional.isNull() && !additional.isObject()) {
            throw new BadBody("additionalVersionWeight: " + additional + " (expected: an object of version to share,"
                    + " e.g. {\"2\": 0.1})");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = additional.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> weight = it.next();
            if (!weight.getValue().isNumber()) {
                throw new BadBody("additionalVersionWeight." + weight.getKey() + ": " + weight.getValue()
                        + " (expected: a share from 0 to 1, e.g. 0.1)");
            }
            weights.put(weight.getKey(), weight.getValue().asDouble());
        }
        return releases.setAlias(function, name, version, weights, text(body, "description"));
    }

    private List<Object> versions(String function) {
        List<Object> json = new ArrayList<>();
        releases.versions(function).forEach(version -> json.add(json(version)));
        return json;
    }

    private List<Object> aliases(String function) {
        List<Object> json = new ArrayList<>();
        releases.aliases(function).forEach(alias -> json.add(json(alias)));
        return json;
    }

    static Map<String, Object> json(FunctionVersion version) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("functionName", version.function());
        json.put("versionId", version.id());
        json.put("description", version.description());
        json.put("createdTime", version.createdAt().toString());
        json.put("runtime", version.spec().runtime().id());
        json.put("handler", version.spec().handler());
        json.put("codeSha256", version.codeSha256());
        return json;
    }

    static Map<String, Object> json(Alias alias) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("functionName", alias.function());
        json.put("aliasName", alias.name());
        json.put("versionId", alias.version());
        json.put("additionalVersionWeight", alias.weights());
        json.put("description", alias.description());
        json.put("lastModifiedTime", alias.updatedAt().toString());
        return json;
    }

    private static FullHttpResponse ok(Object body, String requestId) {
        return Responses.json(HttpResponseStatus.OK, body, requestId);
    }

    private static JsonNode body(FullHttpRequest request) throws BadBody {
        String text = request.content().toString(StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Responses.JSON.createObjectNode();
        }
        try {
            JsonNode body = Responses.JSON.readTree(text);
            if (body == null || !body.isObject()) {
                throw new BadBody("the body is not a JSON object (expected e.g. {\"description\": \"...\"})");
            }
            return body;
        } catch (IOException e) {
            throw new BadBody("the body is not JSON (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode body, String field) throws BadBody {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return "";
        }
        if (!value.isTextual()) {
            throw new BadBody(field + ": " + value + " (expected: text)");
        }
        return value.asText();
    }

    /** A request body that is not what the path takes. */
    private static final class BadBody extends Exception {
        private static final long serialVersionUID = 1L;

        BadBody(String message) {
            super(message);
        }

        @Override
        public String getMessage() {
            return String.valueOf(super.getMessage());
        }
    }
}
