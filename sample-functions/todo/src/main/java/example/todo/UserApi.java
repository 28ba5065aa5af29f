package example.todo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import example.todo.Tokens.Identity;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The user routes: log in ({@code /api/login/account}) and out ({@code /api/login/outLogin}), register
 * ({@code /user/register}), the current user ({@code /api/currentUser}) and the user list ({@code /api/users}).
 * A login sets the {@code jwtToken} cookie that {@link TodoApi} checks on writes.
 */
final class UserApi {
    static final int MIN_PASSWORD_LENGTH = 6;
    static final int MAX_NAME_LENGTH = 100;

    private final UserStore store;
    private final Passwords passwords;
    private final Tokens tokens;
    private final Clock clock;

    UserApi(UserStore store, Passwords passwords, Tokens tokens, Clock clock) {
        this.store = store;
        this.passwords = passwords;
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
            return TodoApi.databaseFailure(e);
        }
    }

    private ApiResponse dispatch(ApiRequest request) throws SQLException {
        if (request.isPath("/api/login/account")) {
            return onlyFor("POST", request) ? login(request) : notAllowed("POST", request);
        }
        if (request.isPath("/api/login/outLogin")) {
            return onlyFor("POST", request) ? logout() : notAllowed("POST", request);
        }
        if (request.isPath("/user/register")) {
            return onlyFor("POST", request) ? register(request) : notAllowed("POST", request);
        }
        if (request.isPath("/api/currentUser")) {
            return onlyFor("GET", request) ? currentUser(request) : notAllowed("GET", request);
        }
        if (request.isPath("/api/users")) {
            return onlyFor("GET", request) ? users() : notAllowed("GET", request);
        }
        return ApiResponse.failure(404, "no such route: " + request.path());
    }

    private ApiResponse login(ApiRequest request) throws SQLException {
        ObjectNode body = Json.bodyOf(request);
        String type = Fields.text(body, "type");
        Optional<User> user = authenticate(Fields.text(body, "userName"), Fields.text(body, "password"));
        ObjectNode answer = Json.object()
                .put("status", user.isPresent() ? "ok" : "error")
                .put("type", type == null ? "account" : type)
                .put("currentAuthority", user.isPresent() ? "admin" : "guest");
        if (user.isEmpty()) {
            return ApiResponse.ok(answer);
        }
        String token = tokens.issue(user.get().id(), user.get().name());
        return ApiResponse.ok(answer).withHeader("Set-Cookie", cookie(token, Tokens.LIFETIME.toSeconds()));
    }

    /** Returns the user if the name is registered and the password is theirs. */
    private Optional<User> authenticate(@Nullable String name, @Nullable String password) throws SQLException {
        if (name == null || password == null) {
            return Optional.empty();
        }
        Optional<User> user = store.findByName(name);
        if (user.isEmpty()) {
            passwords.matchNone(password);
            return Optional.empty();
        }
        return passwords.matches(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    private static ApiResponse logout() {
        ObjectNode body = Json.object().put("success", true);
        body.putObject("data");
        return ApiResponse.ok(body).withHeader("Set-Cookie", cookie("", 0));
    }

    private ApiResponse register(ApiRequest request) throws SQLException {
        ObjectNode body = Json.bodyOf(request);
        String name = Fields.text(body, "userName");
        String password = Fields.text(body, "password");
        if (name == null || name.isBlank() || name.length() > MAX_NAME_LENGTH) {
            return registerError(400, "userName: required, at most " + MAX_NAME_LENGTH + " characters");
        }
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            return registerError(400, "password: at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        String trimmed = name.strip();
        User user = new User(UUID.randomUUID().toString(), trimmed, passwords.hash(password), Clocks.now(clock));
        if (!store.insert(user)) {
            return registerError(409, "userName: \"" + trimmed + "\" is taken");
        }
        return ApiResponse.ok(Json.object().put("status", "ok").put("currentAuthority", trimmed));
    }

    /**
     * Answers {@code {"success": true, "data": profile}}, the envelope Ant Design Pro's {@code queryCurrentUser}
     * unwraps ({@code msg.data}); the profile is not repeated at the top level.
     */
    private ApiResponse currentUser(ApiRequest request) throws SQLException {
        Optional<Identity> caller = tokens.verify(request);
        Optional<User> user = caller.isEmpty()
                ? Optional.empty()
                : store.findById(caller.get().userId());
        if (user.isEmpty()) {
            ObjectNode body = Json.object().put("success", false);
            body.putObject("data").put("isLogin", false);
            return ApiResponse.json(401, body.put("errorCode", "401").put("errorMessage", "Please log in"));
        }
        // The course's client reads the profile itself; newer clients read success and data beside it.
        ObjectNode profile = Profile.of(user.get());
        ObjectNode body = profile.deepCopy().put("success", true);
        body.set("data", profile);
        return ApiResponse.ok(body);
    }

    /** Lists id, name and registration time only: the password hashes never leave the database. */
    private ApiResponse users() throws SQLException {
        ArrayNode list = Json.array();
        for (User user : store.all()) {
            list.addObject()
                    .put("userid", user.id())
                    .put("name", user.name())
                    .put("createdAt", user.createdAt().toString());
        }
        ObjectNode body = Json.object().put("success", true);
        body.set("data", list);
        return ApiResponse.ok(body);
    }

    /** Returns the {@code jwtToken} cookie; HttpOnly, so page scripts cannot read the token. */
    static String cookie(String token, long maxAgeSeconds) {
        return "jwtToken=" + token + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + maxAgeSeconds;
    }

    private static ApiResponse registerError(int status, String message) {
        return ApiResponse.json(status, Json.object().put("status", "error").put("message", message));
    }

    private static boolean onlyFor(String method, ApiRequest request) {
        return request.method().equals(method);
    }

    private static ApiResponse notAllowed(String allowed, ApiRequest request) {
        return ApiResponse.failure(405, request.method() + " is not allowed on " + request.path())
                .withHeader("Allow", allowed);
    }
}
