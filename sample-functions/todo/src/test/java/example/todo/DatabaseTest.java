package example.todo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

class DatabaseTest {
    /** The database service restarts while the function runs: its pooled connections die; the next call works. */
    @Test
    void retriesOnceOnAFreshPoolWhenTheServerRestarted() throws Exception {
        Server server = tcpServer("0");
        int port = server.getPort();
        String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/mem:restarted;DB_CLOSE_DELAY=-1";
        try (Database database = Database.open(url, "sa", "")) {
            insertOne(database);
            server.stop();
            server = tcpServer(Integer.toString(port));

            assertThat(count(database)).isEqualTo(1);
        } finally {
            server.stop();
        }
    }

    @Test
    void givesUpAfterOneRetryWhenTheServerStaysDown() throws Exception {
        Server server = tcpServer("0");
        String url = "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:gone";
        try (Database database = Database.open(url, "sa", "")) {
            server.stop();

            assertThatThrownBy(() -> count(database))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(Database.isBrokenConnection(e)).isTrue());
        } finally {
            server.stop();
        }
    }

    @Test
    void doesNotRetryStatementErrors() throws Exception {
        try (Database database = Database.open("jdbc:h2:mem:statement-errors", "sa", "")) {
            int[] runs = {0};

            assertThatThrownBy(() -> database.call(connection -> {
                        runs[0]++;
                        try (Statement statement = connection.createStatement()) {
                            return statement.execute("SELECT * FROM no_such_table");
                        }
                    }))
                    .isInstanceOf(SQLSyntaxErrorException.class);
            assertThat(runs[0]).isEqualTo(1);
        }
    }

    @Test
    void recognisesConnectionFailuresByClassOrSqlState() {
        assertThat(Database.isBrokenConnection(new SQLNonTransientConnectionException("gone")))
                .isTrue();
        assertThat(Database.isBrokenConnection(new SQLException("reset", "08S01")))
                .isTrue();
        assertThat(Database.isBrokenConnection(new RuntimeException(new SQLException("x", "08006"))))
                .isTrue();
        assertThat(Database.isBrokenConnection(new SQLException("syntax", "42000")))
                .isFalse();
        assertThat(Database.isBrokenConnection(null)).isFalse();
    }

    private Server tcpServer(String port) throws SQLException {
        return Server.createTcpServer("-tcpPort", port, "-ifNotExists").start();
    }

    private static void insertOne(Database database) throws SQLException {
        database.call(connection -> {
            try (Statement statement = connection.createStatement()) {
                return statement.executeUpdate("INSERT INTO users VALUES ('u1', 'ann', 'h', CURRENT_TIMESTAMP)");
            }
        });
    }

    private static int count(Database database) throws SQLException {
        return database.call(connection -> {
            try (Statement statement = connection.createStatement();
                    var rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
