package example.todo;

import com.aliyun.fc.runtime.Context;
import com.aliyun.fc.runtime.HttpRequestHandler;
import java.io.IOException;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * <b>Wrong on purpose</b>: the course's cold-start bug, kept to teach it. Use {@link TodoHandler} instead.
 *
 * <p>What it does: loading this class starts a background thread that connects to {@code DB_URL} and reads all
 * todos into a static list; {@code GET .../api/rule} answers from whatever that list holds at that moment, in the
 * same shape as {@link TodoHandler}. There is no initializer.
 *
 * <p>Why it is wrong: FC loads the handler class when the first request arrives, so that request runs while the
 * load has barely begun and sees an empty list; so does every request until the load ends. A failed load is never
 * reported or retried: the instance serves an empty list for its whole life. And the list never sees later writes.
 *
 * <p>The fix is {@link TodoHandler}: an initializer, which FC runs to completion before the instance takes any
 * traffic, opens the database (or fails the instance, loudly), and each request reads the database.
 *
 * <p>Settings: {@code DB_URL} (and {@code DB_USER}, {@code DB_PASSWORD}) as for {@link TodoHandler}; {@code
 * PRELOAD_DELAY_MS}, default 1000, how long the load waits before connecting: it stands in for the course's slow
 * round trips to a remote database, and makes the empty first answer certain rather than likely. The response
 * header {@code x-todo-preload} says {@code loading}, {@code loaded} or {@code failed: <cause>}.
 */
public class ColdStartTodoHandler implements HttpRequestHandler {
    /** Started by class initialization, which does not wait for it: that is the bug. */
    private static final PreloadedTodos TODOS =
            PreloadedTodos.startLoading(System.getenv(), PreloadedTodos.delay(System.getenv()));

    @Override
    public void handleRequest(HttpServletRequest request, HttpServletResponse response, Context context)
            throws IOException {
        ServletExchange.write(TODOS.answer(ServletExchange.read(request)), response);
    }
}
