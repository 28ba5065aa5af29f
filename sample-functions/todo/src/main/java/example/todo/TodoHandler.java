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
 * The todo list, {@code /api/rule} (see {@link TodoApi}), as an FC HTTP function.
 *
 * <p>The initializer opens the database pool and creates the schema before the instance takes any traffic, and
 * fails, naming the URL and the cause, when the database cannot be reached: a failed initializer keeps a broken
 * instance out of service, where one that reported success would answer every request with an error. Settings:
 * see {@link Backend}.
 */
public class TodoHandler implements HttpRequestHandler, FunctionInitializer {
    /** Null until the initializer has succeeded; then never changes. */
    private volatile @Nullable TodoApi api;

    @Override
    public void initialize(Context context) throws IOException {
        String url = start(System.getenv(), Clock.systemUTC());
        context.getLogger().info("todo: schema ready at " + url);
    }

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        ServletExchange.write(handle(ServletExchange.read(request)), response);
    }

    /** Sets the handler up from {@code env} and returns the database URL it reached. */
    String start(Map<String, String> env, Clock clock) throws IOException {
        Backend backend = Backend.open(env, clock);
        api = new TodoApi(new TodoStore(backend.database()), backend.tokens(), clock);
        return backend.database().url();
    }

    /** Returns the response to {@code request}, or 503 if the initializer has not succeeded. */
    ApiResponse handle(ApiRequest request) {
        TodoApi started = api;
        return started == null ? ApiResponse.notInitialized() : started.handle(request);
    }
}
