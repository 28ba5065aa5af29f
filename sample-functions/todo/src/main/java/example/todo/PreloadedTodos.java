package example.todo;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;

/**
 * The todo list loaded once, in the background, into memory: the course's cold-start design, kept for
 * {@link ColdStartTodoHandler}. Until {@link #load} finishes the list is empty, and it never changes after.
 *
 * <p>Threads: {@link #load} runs on one background thread and publishes through the volatile fields; request
 * threads only read them.
 */
final class PreloadedTodos {
    private static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

    /** Empty until the load finishes; then the todos as they were then, in list order. */
    private volatile List<Todo> todos = List.of();

    /** Why the load failed, or null while it has not failed. */
    private volatile @Nullable String failure;

    private volatile boolean loaded;

    private final Map<String, String> env;
    private final Duration delay;

    /**
     * Reads {@code DB_URL} (and the optional {@code DB_USER}, {@code DB_PASSWORD}) from {@code env} when loading,
     * after waiting {@code delay}.
     */
    PreloadedTodos(Map<String, String> env, Duration delay) {
        this.env = Map.copyOf(env);
        this.delay = delay;
    }

    /** Returns a list that starts loading now on a daemon thread and returns at once. */
    static PreloadedTodos startLoading(Map<String, String> env, Duration delay) {
        PreloadedTodos preloaded = new PreloadedTodos(env, delay);
        Thread loader = new Thread(preloaded::load, "todo-preload");
        loader.setDaemon(true);
        loader.start();
        return preloaded;
    }

    /** Waits the delay, then reads every todo; a failure is kept in {@link #state} rather than thrown. */
    void load() {
        try {
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String url = env.get("DB_URL");
            if (url == null || url.isBlank()) {
                failure = "DB_URL is not set";
                return;
            }
            JdbcDataSource source = new JdbcDataSource();
            source.setURL(url.strip());
            source.setUser(env.getOrDefault("DB_USER", "sa"));
            source.setPassword(env.getOrDefault("DB_PASSWORD", ""));
            try (Connection connection = source.getConnection()) {
                todos = List.copyOf(TodoStore.all(connection));
                loaded = true;
            }
        } catch (SQLException e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            failure = "interrupted";
            Thread.currentThread().interrupt();
        }
    }

    /** Returns the todos loaded so far: none until the load has finished. */
    List<Todo> todos() {
        return todos;
    }

    /** Returns {@code loading}, {@code loaded} or {@code failed: <cause>}, for the response header. */
    String state() {
        String failed = failure;
        if (failed != null) {
            return "failed: " + failed.replaceAll("[\\r\\n]+", " ");
        }
        return loaded ? "loaded" : "loading";
    }

    /** Returns the answer from the todos as they are now: GET {@code .../api/rule} only, shaped as TodoApi's. */
    ApiResponse answer(ApiRequest request) {
        if (!request.isPath(TodoApi.ROUTE)) {
            return ApiResponse.failure(404, "no such route: " + request.path());
        }
        if (!request.method().equals("GET")) {
            return ApiResponse.failure(405, request.method() + " is not allowed on " + TodoApi.ROUTE)
                    .withHeader("Allow", "GET");
        }
        try {
            Page page = Page.of(request.queryParameter("current"), request.queryParameter("pageSize"));
            List<Todo> all = todos;
            return ApiResponse.ok(TodoApi.listBody(slice(all, page), all.size(), page))
                    .withHeader("x-todo-preload", state());
        } catch (RejectedRequest e) {
            return e.response();
        }
    }

    /** Returns {@code PRELOAD_DELAY_MS} from {@code env}, or one second if absent or not a whole number. */
    static Duration delay(Map<String, String> env) {
        String millis = env.get("PRELOAD_DELAY_MS");
        return millis != null && millis.strip().matches("[0-9]{1,9}")
                ? Duration.ofMillis(Long.parseLong(millis.strip()))
                : DEFAULT_DELAY;
    }

    private static List<Todo> slice(List<Todo> all, @Nullable Page page) {
        if (page == null) {
            return all;
        }
        int from = (int) Math.min(page.offset(), all.size());
        return all.subList(from, (int) Math.min((long) from + page.pageSize(), all.size()));
    }
}
