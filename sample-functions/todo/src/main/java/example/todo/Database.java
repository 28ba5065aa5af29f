package example.todo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jspecify.annotations.Nullable;

/**
 * The shared H2 database, through a connection pool. The database service may restart while functions run; pooled
 * connections then are dead, so work that fails for a broken connection runs once more on a fresh pool.
 *
 * <p>Thread-safety: any number of request threads may call {@link #call} at once. {@link #pool} changes only in
 * {@link #renew}, under this object's lock, and only from the pool that failed, so two threads that saw the same
 * failure replace the pool once.
 */
final class Database implements AutoCloseable {
    /** Both handlers create both tables, so whichever starts first finds the schema complete. */
    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE IF NOT EXISTS users ("
                    + " id VARCHAR(36) PRIMARY KEY,"
                    + " name VARCHAR(100) NOT NULL UNIQUE,"
                    + " password_hash VARCHAR(200) NOT NULL,"
                    + " created_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)",
            "CREATE TABLE IF NOT EXISTS todos ("
                    + " id VARCHAR(36) PRIMARY KEY,"
                    + " name VARCHAR(500) NOT NULL,"
                    + " description VARCHAR(5000) NOT NULL,"
                    + " owner VARCHAR(100) NOT NULL,"
                    + " status INT NOT NULL,"
                    + " call_no INT NOT NULL,"
                    + " progress INT NOT NULL,"
                    + " disabled BOOLEAN NOT NULL,"
                    + " created_at TIMESTAMP(9) WITH TIME ZONE NOT NULL,"
                    + " updated_at TIMESTAMP(9) WITH TIME ZONE NOT NULL)");

    /** Work done on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final String url;
    private final String user;
    private final String password;
    private volatile JdbcConnectionPool pool;

    private Database(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.pool = JdbcConnectionPool.create(url, user, password);
    }

    /**
     * Returns the database at {@code url} with its schema in place.
     *
     * @throws SQLException if the database cannot be reached or refuses the schema; not retried, since the pool is
     *     new (H2's client already retries a refused connection for about a second)
     */
    static Database open(String url, String user, String password) throws SQLException {
        Database database = new Database(url, user, password);
        try {
            runOn(database.pool, Database::createSchema);
            return database;
        } catch (SQLException e) {
            database.close();
            throw e;
        }
    }

    /** The JDBC URL, for messages. */
    String url() {
        return url;
    }

    /**
     * Runs {@code work} on a pooled connection and returns its result; if the connection turns out broken, runs it
     * once more on a connection from a fresh pool. A write whose connection broke after its commit may thus run
     * twice; callers choose their row keys before calling, so the second insert fails rather than duplicating.
     */
    <T> T call(Work<T> work) throws SQLException {
        JdbcConnectionPool used = pool;
        try {
            return runOn(used, work);
        } catch (SQLException e) {
            if (!isBrokenConnection(e)) {
                throw e;
            }
            return runOn(renew(used), work);
        }
    }

    /** True if {@code e}, or one of its causes, says the connection (not the statement) failed. */
    static boolean isBrokenConnection(@Nullable Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            String state = cause instanceof SQLException sql ? sql.getSQLState() : null;
            if (state != null && state.startsWith("08")) { // SQL standard class 08: connection exception
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        pool.dispose();
    }

    private static <T> T runOn(JdbcConnectionPool source, Work<T> work) throws SQLException {
        try (Connection connection = source.getConnection()) {
            return work.run(connection);
        }
    }

    private synchronized JdbcConnectionPool renew(JdbcConnectionPool failed) {
        if (pool == failed) {
            failed.dispose();
            pool = JdbcConnectionPool.create(url, user, password);
        }
        return pool;
    }

    /** Returns how many statements ran. */
    private static Integer createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String ddl : SCHEMA) {
                statement.execute(ddl);
            }
        }
        return SCHEMA.size();
    }
}
