package dev.sluice.gateway.admin;

import dev.sluice.config.function.FunctionsDocument;
import dev.sluice.config.source.ConfigException;
import dev.sluice.config.source.ConfigProblem;
import dev.sluice.gateway.http.Responses;
import dev.sluice.scheduler.Scheduler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The management API under {@code /system/functions}: list and show deployed functions with their instances, and
 * deploy a whole document ({@code PUT}, admin token required). Deploying blocks (it may build an image), so it runs
 * on {@code blocking}, never on the event loop.
 */
public final class AdminHandler {
    public static final String PREFIX = "/system/functions";

    private final Scheduler scheduler;
    private final AdminToken token;
    private final Executor blocking;
    private final Path baseDir;

    /** @param baseDir the directory relative {@code code:} paths in a deployed document resolve against */
    public AdminHandler(Scheduler scheduler, AdminToken token, Executor blocking, Path baseDir) {
        this.scheduler = scheduler;
        this.token = token;
        this.blocking = blocking;
        this.baseDir = baseDir;
    }

    /** Handles one request on its event loop. Does not take over {@code request}'s reference. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, boolean keepAlive) {
        String path = request.uri().split("[?#]", 2)[0];
        String name = path.length() > PREFIX.length() + 1 ? path.substring(PREFIX.length() + 1) : "";
        HttpMethod method = request.method();
        if (HttpMethod.GET.equals(method) && name.isEmpty()) {
            Responses.write(
                    ctx,
                    Responses.json(
                            HttpResponseStatus.OK,
                            FunctionJson.list(scheduler.functions(), scheduler.services(), scheduler.stemCellsReady()),
                            requestId),
                    keepAlive);
        } else if (HttpMethod.GET.equals(method)) {
            Responses.write(ctx, show(name, requestId), keepAlive);
        } else if (HttpMethod.PUT.equals(method) && name.isEmpty()) {
            if (!token.accepts(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                Responses.write(
                        ctx,
                        Responses.error(
                                HttpResponseStatus.UNAUTHORIZED,
                                "Unauthorized",
                                "deploying needs the admin token: send `Authorization: Bearer <token>`; the token is in "
                                        + token.file(),
                                requestId,
                                null,
                                null),
                        keepAlive);
                return;
            }
            String text = request.content().toString(StandardCharsets.UTF_8);
            blocking.execute(() -> {
                FullHttpResponse response = deploy(text, requestId);
                ctx.executor().execute(() -> Responses.write(ctx, response, keepAlive));
            });
        } else {
            Responses.write(
                    ctx,
                    Responses.error(
                            HttpResponseStatus.METHOD_NOT_ALLOWED,
                            "MethodNotAllowed",
                            method + " " + path + " is not supported (GET " + PREFIX + "[/{name}], PUT " + PREFIX + ")",
                            requestId,
                            null,
                            null),
                    keepAlive);
        }
    }

    private FullHttpResponse show(String name, String requestId) {
        return scheduler.functions().stream()
                .filter(view -> view.spec().name().equals(name))
                .findFirst()
                .map(view -> Responses.json(HttpResponseStatus.OK, FunctionJson.of(view), requestId))
                .orElseGet(() -> Responses.error(
                        HttpResponseStatus.NOT_FOUND,
                        "FunctionNotFound",
                        "function \"" + name + "\" is not deployed",
                        requestId,
                        name,
                        null));
    }

    private FullHttpResponse deploy(String text, String requestId) {
        try {
            scheduler.deploy(FunctionsDocument.parse(text, "request body", baseDir));
            return Responses.json(
                    HttpResponseStatus.OK,
                    FunctionJson.list(scheduler.functions(), scheduler.services(), scheduler.stemCellsReady()),
                    requestId);
        } catch (ConfigException e) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("errorType", "InvalidArgument");
            body.put("errorMessage", e.getMessage());
            body.put("problems", problems(e.problems()));
            FullHttpResponse response = Responses.json(HttpResponseStatus.BAD_REQUEST, body, requestId);
            response.headers().set(Responses.ERROR_TYPE, "InvalidArgument");
            return response;
        } catch (RuntimeException e) {
            return Responses.error(
                    HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "DeployFailed",
                    "nothing was deployed: " + e.getMessage(),
                    requestId,
                    null,
                    null);
        }
    }

    private static List<Map<String, Object>> problems(List<ConfigProblem> problems) {
        return problems.stream()
                .map(p -> Map.<String, Object>of(
                        "line", p.line(), "column", p.column(), "path", p.path(), "message", p.message()))
                .toList();
    }
}
