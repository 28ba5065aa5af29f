package example.todo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The todos, one row each in table {@code todos}, listed oldest first (ties broken by key, so pages are stable). */
final class TodoStore {
    private static final String COLUMNS =
            "id, name, description, owner, status, call_no, progress, disabled, created_at, updated_at";
    private static final String ORDER = " ORDER BY created_at, id";

    /** One page of the list and the size of the whole list, read on one connection. */
    record Listing(List<Todo> todos, int total) {}

    private final Database database;

    TodoStore(Database database) {
        this.database = database;
    }

    /** Returns the page {@code page} of the list, or all of it if {@code page} is null. */
    Listing list(@Nullable Page page) throws SQLException {
        return database.call(connection -> new Listing(select(connection, page), count(connection)));
    }

    /** Returns the todo with key {@code key}, if any. */
    Optional<Todo> find(String key) throws SQLException {
        return database.call(connection -> find(connection, key));
    }

    /** Adds {@code todo}, whose key must be new. */
    void insert(Todo todo) throws SQLException {
        database.call(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO todos (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, todo.key());
                insert.setString(2, todo.name());
                insert.setString(3, todo.desc());
                insert.setString(4, todo.owner());
                insert.setInt(5, todo.status());
                insert.setInt(6, todo.callNo());
                insert.setInt(7, todo.progress());
                insert.setBoolean(8, todo.disabled());
                insert.setObject(9, utc(todo.createdAt()));
                insert.setObject(10, utc(todo.updatedAt()));
                return insert.executeUpdate();
            }
        });
    }

    /**
     * Changes the given fields of todo {@code key} (null leaves a field as it is), stamps it updated {@code now} and
     * returns it; empty, with nothing written, if there is no such todo.
     */
    Optional<Todo> update(
            String key, @Nullable String name, @Nullable String desc, @Nullable Integer status, Instant now)
            throws SQLException {
        return database.call(connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE todos SET name = COALESCE(?, name),"
                    + " description = COALESCE(?, description), status = COALESCE(?, status), updated_at = ?"
                    + " WHERE id = ?")) {
                update.setString(1, name);
                update.setString(2, desc);
                if (status == null) {
                    update.setNull(3, Types.INTEGER);
                } else {
                    update.setInt(3, status);
                }
                update.setObject(4, utc(now));
                update.setString(5, key);
                return update.executeUpdate() == 0 ? Optional.<Todo>empty() : find(connection, key);
            }
        });
    }

    /** Removes the todos with these keys; unknown keys are ignored. Returns how many were removed. */
    int delete(List<String> keys) throws SQLException {
        return database.call(connection -> {
            int removed = 0;
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM todos WHERE id = ?")) {
                for (String key : keys) {
                    delete.setString(1, key);
                    removed += delete.executeUpdate();
                }
            }
            return removed;
        });
    }

    /** Returns every todo in list order, on a connection the caller owns (the cold-start handler has no pool). */
    static List<Todo> all(Connection connection) throws SQLException {
        return select(connection, null);
    }

    private static List<Todo> select(Connection connection, @Nullable Page page) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM todos" + ORDER + (page == null ? "" : " LIMIT ? OFFSET ?");
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            if (page != null) {
                select.setInt(1, page.pageSize());
                select.setLong(2, page.offset());
            }
            try (ResultSet rows = select.executeQuery()) {
                List<Todo> todos = new ArrayList<>();
                while (rows.next()) {
                    todos.add(todo(rows));
                }
                return todos;
            }
        }
    }

    private static Optional<Todo> find(Connection connection, String key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS + " FROM todos WHERE id = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(todo(rows)) : Optional.empty();
            }
        }
    }

    private static int count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM todos")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static Todo todo(ResultSet row) throws SQLException {
        return new Todo(
                row.getString("id"),
                row.getString("name"),
                row.getString("description"),
                row.getString("owner"),
                row.getInt("status"),
                row.getInt("call_no"),
                row.getInt("progress"),
                row.getBoolean("disabled"),
                instant(row, "created_at"),
                instant(row, "updated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
