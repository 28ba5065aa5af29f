package example.todo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import example.todo.Tokens.Identity;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/rule}, the todo list: GET lists (open to all); POST creates, PUT updates, DELETE removes, and a POST
 * whose body has {@code method} of {@code post}, {@code update} or {@code delete} acts as that verb, as older clients
 * send every change. Writes need a valid token and are refused with 403 before anything is read or written.
 */
final class TodoApi {
    static final String ROUTE = "/api/rule";

    private final TodoStore store;
    private final Tokens tokens;
    private final Clock clock;

    TodoApi(TodoStore store, Tokens tokens, Clock clock) {
        this.store = store;
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Returns the response to {@code request}; never throws for a bad request or a failing database. */
    ApiResponse handle(ApiRequest request) {
        try {
            return dispatch(request);
        } catch (RejectedRequest e) {
            return e.response();
        } catch (SQLException e) {
            return databaseFailure(e);
        }
    }

    /** Returns the 403 every unauthenticated write gets, in the exact shape the client checks. */
    static ApiResponse authFailed() {
        return ApiResponse.failure(403, "JWT token auth failed");
    }

    /** Returns 503 if the database could not be reached, else 500; the message names the cause. */
    static ApiResponse databaseFailure(SQLException e) {
        return Database.isBrokenConnection(e)
                ? ApiResponse.failure(503, "the database is unavailable: " + e.getMessage())
                : ApiResponse.failure(500, "database error: " + e.getMessage());
    }

    /**
     * Returns the list response: {@code {"data", "total", "success", "pageSize", "current"}}. Without a page, all
     * todos are on page 1, so {@code pageSize} is their number.
     */
    static ObjectNode listBody(List<Todo> todos, int total, @Nullable Page page) {
        ObjectNode body = Json.object();
        body.set("data", array(todos));
        return body.put("total", total)
                .put("success", true)
                .put("pageSize", page == null ? todos.size() : page.pageSize())
                .put("current", page == null ? 1 : page.current());
    }

    private ApiResponse dispatch(ApiRequest request) throws SQLException {
        if (!request.isPath(ROUTE)) {
            return ApiResponse.failure(404, "no such route: " + request.path());
        }
        return switch (request.method()) {
            case "GET" -> list(request);
            case "POST", "PUT", "DELETE" -> write(request);
            default -> ApiResponse.failure(405, request.method() + " is not allowed on " + ROUTE)
                    .withHeader("Allow", "GET, POST, PUT, DELETE");
        };
    }

    private ApiResponse list(ApiRequest request) throws SQLException {
        Page page = Page.of(request.queryParameter("current"), request.queryParameter("pageSize"));
        TodoStore.Listing listing = store.list(page);
        return ApiResponse.ok(listBody(listing.todos(), listing.total(), page));
    }

    private ApiResponse write(ApiRequest request) throws SQLException {
        Optional<Identity> caller = tokens.verify(request);
        if (caller.isEmpty()) {
            return authFailed();
        }
        ObjectNode body = Json.bodyOf(request);
        return switch (verb(request.method(), body)) {
            case "PUT" -> update(body);
            case "DELETE" -> delete(body);
            default -> create(body, caller.get());
        };
    }

    /** Returns the HTTP verb the write means: the request's own, or for a POST the body's {@code method}. */
    private static String verb(String httpMethod, ObjectNode body) {
        String method = Fields.text(body, "method");
        if (!httpMethod.equals("POST") || method == null) {
            return httpMethod;
        }
        return switch (method.toLowerCase(Locale.ROOT)) {
            case "post" -> "POST";
            case "update" -> "PUT";
            case "delete" -> "DELETE";
            default -> throw RejectedRequest.badRequest(
                    "method: \"" + method + "\" (expected: \"post\", \"update\" or \"delete\")");
        };
    }

    private ApiResponse create(ObjectNode body, Identity caller) throws SQLException {
        String name = Fields.requiredText(body, "name").strip();
        String desc = Fields.text(body, "desc");
        Integer status = status(body);
        Instant now = Clocks.now(clock);
        Todo todo = new Todo(
                UUID.randomUUID().toString(),
                name,
                desc == null ? "" : desc,
                caller.userName(),
                status == null ? Todo.IN_PROGRESS : status,
                0,
                0,
                false,
                now,
                now);
        store.insert(todo);
        return ApiResponse.ok(todo.toJson());
    }

    private ApiResponse update(ObjectNode body) throws SQLException {
        String key = Fields.requiredText(body, "key");
        String name = Fields.text(body, "name");
        if (name != null && name.isBlank()) {
            throw RejectedRequest.badRequest("name: must not be blank");
        }
        Optional<Todo> updated = store.update(
                key, name == null ? null : name.strip(), Fields.text(body, "desc"), status(body), Clocks.now(clock));
        return updated.map(todo -> ApiResponse.ok(todo.toJson()))
                .orElseGet(() -> ApiResponse.failure(404, "no todo with key " + key));
    }

    private ApiResponse delete(ObjectNode body) throws SQLException {
        if (!body.has("key")) {
            throw RejectedRequest.badRequest("key: required (expected: a list of todo keys)");
        }
        store.delete(Fields.texts(body, "key"));
        TodoStore.Listing remaining = store.list(null);
        ObjectNode response = Json.object();
        response.set("list", array(remaining.todos()));
        response.putObject("pagination").put("total", remaining.total());
        return ApiResponse.ok(response);
    }

    private static @Nullable Integer status(ObjectNode body) {
        Integer status = Fields.integer(body, "status");
        if (status != null && !Todo.isStatus(status)) {
            throw RejectedRequest.badRequest(
                    "status: " + status + " (expected: 0 closed, 1 in progress, 2 done or 3 paused)");
        }
        return status;
    }

    private static ArrayNode array(List<Todo> todos) {
        ArrayNode array = Json.array();
        todos.forEach(todo -> array.add(todo.toJson()));
        return array;
    }
}
