package dev.sluice.gateway.admin;

import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import dev.sluice.gateway.deployment.Deployer;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.api.FcError;
import dev.sluice.scheduler.api.Scheduler;
import dev.sluice.scheduler.api.UnknownFunctionException;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The management API under {@code /system/functions}: list and show deployed functions with their instances, read
 * a function's instance logs, deploy a whole document ({@code PUT}) and remove one function ({@code DELETE}); changes
 * need the admin token and go through the {@link Deployer}, which keeps them across a restart. Deploying, removing and
 * reading logs block (they may build an image, drain instances, read the engine), so they run on {@code blocking},
 * never on the event loop.
 */
public final class AdminHandler {
    public static final String PREFIX = "/system/functions";
    private static final String LOGS_SUFFIX = "/logs";
    private static final int DEFAULT_TAIL = 100;
    /** Docker reads the whole log to find a tail, so the tail is bounded to keep one request cheap. */
    private static final int MAX_TAIL = 10_000;

    private final Scheduler scheduler;
    private final AdminToken token;
    private final Executor blocking;
    private final Deployer deployer;
    private final ReleasesHandler releases;

    /** @param deployer what deploys and removes, and keeps the changes */
    public AdminHandler(Scheduler scheduler, AdminToken token, Executor blocking, Deployer deployer) {
        this.scheduler = scheduler;
        this.token = token;
        this.blocking = blocking;
        this.deployer = deployer;
        this.releases = new ReleasesHandler(scheduler.releases());
    }

    /** Handles one request on its event loop. Does not take over {@code request}'s reference. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        Route route = Route.of(request);
        HttpMethod method = request.method();
        String name = route.name();
        ReleasesHandler.Path releasePath = ReleasesHandler.Path.of(name);
        if (releasePath != null) {
            FullHttpResponse refusal = unauthorized(request, requestId);
            if (refusal != null) {
                Responses.write(ctx, refusal, keepAlive);
            } else {
                FullHttpRequest held = request.retainedDuplicate();
                onBlocking(ctx, keepAlive, () -> {
                    try {
                        return releases.handle(held, releasePath, requestId);
                    } finally {
                        held.release();
                    }
                });
            }
        } else if (name.contains("/")) {
            Responses.write(ctx, notAllowed(method, route.path(), requestId), keepAlive);
        } else if (HttpMethod.GET.equals(method) && name.isEmpty()) {
            Responses.write(ctx, list(requestId), keepAlive);
        } else if (HttpMethod.GET.equals(method) && route.isLogs()) {
            String tail = route.uri()
                    .parameters()
                    .getOrDefault("tail", List.of(String.valueOf(DEFAULT_TAIL)))
                    .get(0);
            onBlocking(ctx, keepAlive, () -> logs(name, tail, requestId));
        } else if (HttpMethod.GET.equals(method)) {
            Responses.write(ctx, show(name, requestId), keepAlive);
        } else if (route.change() == null) {
            Responses.write(ctx, notAllowed(method, route.path(), requestId), keepAlive);
        } else {
            FullHttpResponse refusal = unauthorized(request, requestId);
            if (refusal != null) {
                Responses.write(ctx, refusal, keepAlive);
            } else if (HttpMethod.PUT.equals(method)) {
                String text = request.content().toString(StandardCharsets.UTF_8);
                onBlocking(ctx, keepAlive, () -> deploy(text, requestId));
            } else {
                onBlocking(ctx, keepAlive, () -> remove(name, requestId));
            }
        }
    }

    /**
     * Returns the 401 for a request that asks for a change without the admin token, or null when it asks for none
     * or carries the token. Needs only the request's head: the gateway asks before it reads a body.
     */
    public @Nullable FullHttpResponse unauthorized(HttpRequest head, String requestId) {
        String change = Route.of(head).change();
        if (change == null || token.accepts(head.headers().get(HttpHeaderNames.AUTHORIZATION))) {
            return null;
        }
        return Responses.error(
                FcError.UNAUTHORIZED,
                change + " needs the admin token: send `Authorization: Bearer <token>`; the token is in "
                        + token.file(),
                requestId,
                null,
                null);
    }

    /** Where a request under {@link #PREFIX} goes: {@code name} is empty for the prefix itself. */
    private record Route(HttpMethod method, QueryStringDecoder uri, String name, boolean isLogs) {
        static Route of(HttpRequest request) {
            QueryStringDecoder uri = new QueryStringDecoder(request.uri().split("#", 2)[0]);
            String path = uri.path();
            String rest = path.length() > PREFIX.length() + 1 ? path.substring(PREFIX.length() + 1) : "";
            boolean isLogs = rest.endsWith(LOGS_SUFFIX) && rest.length() > LOGS_SUFFIX.length();
            String name = isLogs ? rest.substring(0, rest.length() - LOGS_SUFFIX.length()) : rest;
            return new Route(request.method(), uri, name, isLogs);
        }

        String path() {
            return uri.path();
        }

        /** Returns what the request changes, in words for a refusal, or null when it changes nothing. */
        @Nullable
        String change() {
            ReleasesHandler.Path releases = ReleasesHandler.Path.of(name);
            if (releases != null) {
                return releases.change(method);
            }
            if (name.contains("/") || isLogs) {
                return null;
            } else if (HttpMethod.PUT.equals(method) && name.isEmpty()) {
                return "deploying";
            } else if (HttpMethod.DELETE.equals(method) && !name.isEmpty()) {
                return "removing a function";
            }
            return null;
        }
    }

    /** Builds the response on the blocking executor and writes it back on the connection's event loop. */
    private void onBlocking(ChannelHandlerContext ctx, boolean keepAlive, Supplier<FullHttpResponse> work) {
        blocking.execute(() -> {
            FullHttpResponse response = work.get();
            ctx.executor().execute(() -> Responses.write(ctx, response, keepAlive));
        });
    }

    private FullHttpResponse list(String requestId) {
        return Responses.json(
                HttpResponseStatus.OK,
                FunctionJson.list(
                        scheduler.functions(), scheduler.services(), scheduler.stemCellsReady(), scheduler.engine()),
                requestId);
    }

    private static FullHttpResponse notAllowed(HttpMethod method, String path, String requestId) {
        return Responses.error(
                FcError.METHOD_NOT_ALLOWED,
                method + " " + path + " is not supported (GET " + PREFIX + "[/{name}], GET " + PREFIX
                        + "/{name}/logs, PUT " + PREFIX + ", DELETE " + PREFIX + "/{name})",
                requestId,
                null,
                null);
    }

    private FullHttpResponse show(String name, String requestId) {
        return scheduler.functions().stream()
                .filter(view -> view.spec().name().equals(name))
                .findFirst()
                .map(view -> Responses.json(HttpResponseStatus.OK, FunctionJson.of(view), requestId))
                .orElseGet(() -> notDeployed(name, requestId));
    }

    private FullHttpResponse deploy(String text, String requestId) {
        try {
            deployer.deploy(text);
            return list(requestId);
        } catch (ConfigException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errorType", FcError.INVALID_ARGUMENT.type());
            body.put("errorMessage", e.getMessage());
            body.put("problems", problems(e.problems()));
            FullHttpResponse response = Responses.json(HttpResponseStatus.BAD_REQUEST, body, requestId);
            response.headers().set(Responses.ERROR_TYPE, FcError.INVALID_ARGUMENT.type());
            return response;
        } catch (Deployer.NotStartedException e) {
            return notStarted(e, requestId);
        } catch (IOException e) {
            return notKept(
                    "deployed, but the deployment",
                    "a restart of sluice up would not restore it; fix that and send it again",
                    e,
                    requestId,
                    null);
        } catch (RuntimeException e) {
            return Responses.error(
                    FcError.DEPLOY_FAILED, "nothing was deployed: " + e.getMessage(), requestId, null, null);
        }
    }

    private FullHttpResponse remove(String name, String requestId) {
        try {
            deployer.remove(name);
            return list(requestId);
        } catch (UnknownFunctionException e) {
            return notDeployed(name, requestId);
        } catch (Deployer.NotStartedException e) {
            return notStarted(e, requestId);
        } catch (IOException e) {
            return notKept(
                    "\"" + name + "\" was removed, but the removal",
                    "a restart of sluice up would bring it back; fix that and remove it again",
                    e,
                    requestId,
                    name);
        } catch (RuntimeException e) {
            return Responses.error(
                    FcError.DEPLOY_FAILED,
                    "\"" + name + "\" was not removed: " + e.getMessage(),
                    requestId,
                    name,
                    null);
        }
    }

    private FullHttpResponse logs(String name, String tailText, String requestId) {
        int tail;
        try {
            tail = Integer.parseInt(tailText);
        } catch (NumberFormatException e) {
            tail = -1;
        }
        if (tail < 0 || tail > MAX_TAIL) {
            return Responses.error(
                    FcError.INVALID_ARGUMENT,
                    "tail: \"" + tailText + "\" (expected: a number of lines, 0.." + MAX_TAIL + ")",
                    requestId,
                    name,
                    null);
        }
        try {
            return Responses.bytes(
                    HttpResponseStatus.OK,
                    Responses.text(LogsText.of(scheduler.logs(name, tail))),
                    "text/plain; charset=utf-8",
                    requestId);
        } catch (UnknownFunctionException e) {
            return notDeployed(name, requestId);
        } catch (RuntimeException e) {
            return Responses.error(
                    FcError.INTERNAL_ERROR,
                    "the logs of \"" + name + "\" could not be read: " + e.getMessage(),
                    requestId,
                    name,
                    null);
        }
    }

    private static FullHttpResponse notStarted(Deployer.NotStartedException e, String requestId) {
        FullHttpResponse response =
                Responses.error(FcError.SERVICE_UNAVAILABLE, String.valueOf(e.getMessage()), requestId, null, null);
        response.headers().set(HttpHeaderNames.RETRY_AFTER, "1");
        return response;
    }

    /** The change took effect, but the store could not keep it: the client must know a restart would lose it. */
    private FullHttpResponse notKept(
            String what, String consequence, IOException e, String requestId, @Nullable String function) {
        return Responses.error(
                FcError.INTERNAL_ERROR,
                what + " could not be kept in " + deployer.storeFile() + " (" + e + "), so " + consequence,
                requestId,
                function,
                null);
    }

    private static FullHttpResponse notDeployed(String name, String requestId) {
        return Responses.error(
                FcError.FUNCTION_NOT_FOUND,
                "function \"" + name + "\" is not deployed (see GET " + PREFIX + ")",
                requestId,
                name,
                null);
    }

    private static List<Map<String, Object>> problems(List<ConfigProblem> problems) {
        return problems.stream()
                .map(p -> Map.<String, Object>of(
                        "line", p.line(), "column", p.column(), "path", p.path(), "message", p.message()))
                .toList();
    }
}
