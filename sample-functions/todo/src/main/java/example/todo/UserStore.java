package example.todo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The registered users, one row each in table {@code users}; names are unique. */
final class UserStore {
    private static final String COLUMNS = "id, name, password_hash, created_at";

    private final Database database;

    UserStore(Database database) {
        this.database = database;
    }

    /** Returns the user called {@code name}, if registered. */
    Optional<User> findByName(String name) throws SQLException {
        return database.call(connection -> findOne(connection, "name", name));
    }

    /** Returns the user with id {@code id}, if registered. */
    Optional<User> findById(String id) throws SQLException {
        return database.call(connection -> findOne(connection, "id", id));
    }

    /** Adds {@code user}; returns false, with nothing written, if the name is taken. */
    boolean insert(User user) throws SQLException {
        return database.call(connection -> {
            try (PreparedStatement insert =
                    connection.prepareStatement("INSERT INTO users (" + COLUMNS + ") VALUES (?, ?, ?, ?)")) {
                insert.setString(1, user.id());
                insert.setString(2, user.name());
                insert.setString(3, user.passwordHash());
                insert.setObject(4, user.createdAt().atOffset(ZoneOffset.UTC));
                insert.executeUpdate();
                return true;
            } catch (SQLIntegrityConstraintViolationException e) {
                return false; // the unique name: checked by the database, so two registrations cannot both win
            }
        });
    }

    /** Returns every user, oldest first. */
    List<User> all() throws SQLException {
        return database.call(connection -> {
            try (PreparedStatement select =
                            connection.prepareStatement("SELECT " + COLUMNS + " FROM users ORDER BY created_at, id");
                    ResultSet rows = select.executeQuery()) {
                List<User> users = new ArrayList<>();
                while (rows.next()) {
                    users.add(user(rows));
                }
                return users;
            }
        });
    }

    /** {@code column} is one of this class's constants, never request text. */
    private static Optional<User> findOne(Connection connection, String column, String value) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM users WHERE " + column + " = ?")) {
            select.setString(1, value);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(user(rows)) : Optional.empty();
            }
        }
    }

    private static User user(ResultSet row) throws SQLException {
        return new User(
                row.getString("id"),
                row.getString("name"),
                row.getString("password_hash"),
                row.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
