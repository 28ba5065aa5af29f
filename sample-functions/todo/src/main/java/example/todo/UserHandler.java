package example.todo;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.FunctionInitializer;
import com.aliyun.fc.runtime.HttpRequestHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * The user routes (see {@link UserApi}) as an FC HTTP function: {@code /api/login/account},
 * {@code /api/login/outLogin}, {@code /user/register}, {@code /api/currentUser} and {@code /api/users}.
 *
 * <p>The initializer reaches the database and creates the schema, as {@link TodoHandler}'s does, and fails the same
 * way when it cannot. Settings: see {@link Backend}.
 */
public class UserHandler implements HttpRequestHandler, FunctionInitializer {
    /** Null until the initializer has succeeded; then never changes. */
    private volatile @Nullable UserApi api;

    @Override
    public void initialize(Context context) throws IOException {
        String url = start(System.getenv(), Clock.systemUTC(), new Passwords(Passwords.ITERATIONS));
        context.getLogger().info("users: schema ready at " + url);
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        ServletExchange.write(handle(ServletExchange.read(request)), response);
    }

    /** Sets the handler up from {@code env} and returns the database URL it reached. */
    String start(Map<String, String> env, Clock clock, Passwords passwords) throws IOException {
        Backend backend = Backend.open(env, clock);
        api = new UserApi(new UserStore(backend.database()), passwords, backend.tokens(), clock);
        return backend.database().url();
    }

    /** Returns the response to {@code request}, or 503 if the initializer has not succeeded. */
    ApiResponse handle(ApiRequest request) {
        UserApi started = api;
        return started == null ? ApiResponse.notInitialized() : started.handle(request);
    }
}
