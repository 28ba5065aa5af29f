package example.todo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One todo, a row of table {@code todos}.
 *
 * @param key a random UUID
 * @param status one of {@link #CLOSED}, {@link #IN_PROGRESS}, {@link #DONE}, {@link #PAUSED}
 */
record Todo(
        String key,
        String name,
        String desc,
        String owner,
        int status,
        int callNo,
        int progress,
        boolean disabled,
        Instant createdAt,
        Instant updatedAt) {
    static final int CLOSED = 0;
    static final int IN_PROGRESS = 1;
    static final int DONE = 2;
    static final int PAUSED = 3;

    /** The client shows these as links and pictures; the todos have none of their own, so all share these. */
    static final String HREF = "/";

    static final String AVATAR = "/avatar.svg";

    /** True if {@code status} is one of the four the client knows. */
    static boolean isStatus(int status) {
        return status >= CLOSED && status <= PAUSED;
    }

    /** Returns this todo as the client reads it, with every field of the API. */
    ObjectNode toJson() {
        return Json.object()
                .put("key", key)
                .put("name", name)
                .put("desc", desc)
                .put("owner", owner)
                .put("status", status)
                .put("callNo", callNo)
                .put("progress", progress)
                .put("href", HREF)
                .put("avatar", AVATAR)
                .put("disabled", disabled)
                .put("createdAt", createdAt.toString())
                .put("updatedAt", updatedAt.toString());
    }
}
