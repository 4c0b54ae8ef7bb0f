package dev.freshet.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real in-process server: the inserter's rows must all arrive, remainders included. */
class MultiRowInserterTest {
    private static InProcessServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = InProcessServer.start(0, null);
    }

    @AfterAll
    static void stopServer() throws Exception {
        Path directory = server.dataDirectory();
        server.close();
        assertThat(Files.exists(directory)).as("the temporary data directory is deleted").isFalse();
    }

    @Test
    void shouldInsertFullStatementsAndTheRemainderBeforeACommit() throws SQLException {
        try (Connection connection = connect()) {
            execute(connection, "CREATE TABLE points (id BIGINT PRIMARY KEY, x BIGINT)");
            connection.setAutoCommit(false);
            try (MultiRowInserter inserter = new MultiRowInserter(connection, "points", 2, 3)) {
                for (long id = 1; id <= 7; id++) {
                    inserter.add(id, id * 10);
                }
                inserter.executePending();
                connection.commit();
                // A second transaction: one full statement and again a one-row remainder.
                for (long id = 8; id <= 11; id++) {
                    inserter.add(id, id * 10);
                }
                inserter.executePending();
                connection.commit();
            }
            connection.setAutoCommit(true);

            assertThat(ids(connection, "SELECT id FROM points WHERE x = id * 10 ORDER BY id"))
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
            execute(connection, "DROP TABLE points");
        }
    }

    @Test
    void shouldSendNothingWhenNoRowIsPending() throws SQLException {
        try (Connection connection = connect()) {
            execute(connection, "CREATE TABLE empty_points (id BIGINT PRIMARY KEY)");
            try (MultiRowInserter inserter = new MultiRowInserter(connection, "empty_points", 1, 2)) {
                inserter.add(1);
                inserter.add(2);
                inserter.executePending();
            }

            assertThat(ids(connection, "SELECT id FROM empty_points ORDER BY id")).containsExactly(1L, 2L);
            execute(connection, "DROP TABLE empty_points");
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/freshet?user=freshet"
                + "&prepareThreshold=1");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<Long> ids(Connection connection, String query) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                ids.add(result.getLong(1));
            }
        }
        return ids;
    }
}
