package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The generator against DuckDB alone: what it produces must be valid, reproducible and varied. */
class RandomDmlTest {
    /** Past the first wipe of every table (transaction {@value RandomDml#WIPE_INTERVAL}). */
    private static final int TRANSACTIONS = RandomDml.WIPE_INTERVAL + 50;

    @Test
    void shouldGenerateTheSameTransactionsFromTheSameSeed() {
        RandomDml first = new RandomDml(42, table -> 30);
        RandomDml second = new RandomDml(42, table -> 30);

        for (int i = 0; i < 300; i++) {
            assertThat(second.next().script()).isEqualTo(first.next().script());
        }
    }

    @Test
    void shouldGenerateStatementsThatNeverRepeatAPrimaryKey() throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            RandomDml dml = createTables(duckdb, 7);
            for (int number = 1; number <= TRANSACTIONS; number++) {
                run(duckdb, dml.next());
                assertThat(count(statement, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM t1"))
                        .as("repeated ids in t1 after transaction %d", number).isZero();
                assertThat(count(statement, "SELECT COUNT(*) - COUNT(DISTINCT id) FROM t2"))
                        .as("repeated ids in t2 after transaction %d", number).isZero();
            }
        }
    }

    @Test
    void shouldProduceNullsDuplicatesEmptyTablesAndEveryEnding() throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            RandomDml dml = createTables(duckdb, 11);
            Set<DmlTransaction.Ending> endings = EnumSet.noneOf(DmlTransaction.Ending.class);
            List<String> seen = new ArrayList<>();
            boolean sawEmptyT1 = false;
            boolean sawT3Duplicates = false;
            for (int number = 1; number <= TRANSACTIONS; number++) {
                DmlTransaction transaction = dml.next();
                endings.add(transaction.ending());
                run(duckdb, transaction);
                sawEmptyT1 |= count(statement, "SELECT COUNT(*) FROM t1") == 0;
                sawT3Duplicates |= count(statement, "SELECT COUNT(*) FROM t3")
                        > count(statement, "SELECT COUNT(*) FROM (SELECT DISTINCT k, x FROM t3)");
                for (String column : List.of("t1.g", "t1.v", "t1.s", "t1.b", "t1.d", "t2.k", "t2.w", "t2.name",
                        "t3.k", "t3.x")) {
                    String[] parts = column.split("\\.");
                    if (!seen.contains(column) && count(statement,
                            "SELECT COUNT(*) FROM " + parts[0] + " WHERE " + parts[1] + " IS NULL") > 0) {
                        seen.add(column);
                    }
                }
            }
            assertThat(endings).containsExactlyInAnyOrder(DmlTransaction.Ending.values());
            assertThat(seen).as("columns seen NULL").hasSize(10);
            assertThat(sawEmptyT1).isTrue();
            assertThat(sawT3Duplicates).isTrue();
            assertThat(count(statement, "SELECT COUNT(*) FROM t1")).as("t1 refilled after the last wipe")
                    .isGreaterThan(20);
        }
    }

    private static RandomDml createTables(Connection duckdb, long seed) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            for (String ddl : RandomDml.oracleTables()) {
                statement.execute(ddl);
            }
        }
        RandomDml dml = new RandomDml(seed, table -> tableSize(duckdb, table));
        for (DmlStatement statement : dml.initialLoad(100, 20, 30)) {
            execute(duckdb, statement);
        }
        return dml;
    }

    private static void run(Connection duckdb, DmlTransaction transaction) throws SQLException {
        duckdb.setAutoCommit(transaction.ending() == DmlTransaction.Ending.AUTOCOMMIT);
        for (DmlStatement statement : transaction.statements()) {
            execute(duckdb, statement);
        }
        if (transaction.ending() == DmlTransaction.Ending.COMMIT) {
            duckdb.commit();
        }
        else if (transaction.ending() == DmlTransaction.Ending.ROLLBACK) {
            duckdb.rollback();
        }
        duckdb.setAutoCommit(true);
    }

    private static void execute(Connection duckdb, DmlStatement statement) throws SQLException {
        try (PreparedStatement prepared = duckdb.prepareStatement(statement.sql())) {
            statement.bind(prepared);
            prepared.executeUpdate();
        }
    }

    private static int tableSize(Connection duckdb, String table) {
        try (Statement statement = duckdb.createStatement()) {
            return count(statement, "SELECT COUNT(*) FROM " + table);
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int count(Statement statement, String sql) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            resultSet.next();
            return resultSet.getInt(1);
        }
    }
}
