package dev.freshet.tests.differential;

import static java.lang.String.format;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The oracle of the differential tests: an in-memory DuckDB that receives, statement for
 * statement, the writes Freshet receives (or, where a model says Freshet must drop some, what
 * Freshet must keep), and evaluates every view's query in batch over the same input.
 *
 * <p>Statements with parameters are prepared anew each time: DuckDB (1.4.2) keeps a prepared
 * statement's plan, made with the statistics of its time (say, "no NULLs here"), and re-executing
 * it later returns wrong rows.
 */
final class DuckDbOracle implements AutoCloseable {
    private final Connection connection;
    private final Statement statement;

    private DuckDbOracle(Connection connection, Statement statement) {
        this.connection = connection;
        this.statement = statement;
    }

    /** A new, empty in-memory database. */
    static DuckDbOracle open() throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        return new DuckDbOracle(connection, connection.createStatement());
    }

    /** Runs DDL. */
    void execute(String sql) throws SQLException {
        statement.execute(sql);
    }

    /** The rows of a SELECT. */
    ResultRows rows(String select) throws SQLException {
        return ResultRows.query(statement, select);
    }

    /** The rows of a SELECT with parameters. */
    ResultRows rows(DmlStatement select) throws SQLException {
        try (PreparedStatement prepared = connection.prepareStatement(select.sql())) {
            select.bind(prepared);
            try (ResultSet resultSet = prepared.executeQuery()) {
                return ResultRows.read(resultSet);
            }
        }
    }

    /**
     * Runs an INSERT, UPDATE or DELETE of the workload and returns its row count; DuckDB refusing
     * one fails the test, as a bug of the generator ({@code where} names the statement in the run).
     */
    int executeUpdate(DmlStatement dml, String where) {
        try (PreparedStatement prepared = connection.prepareStatement(dml.sql())) {
            dml.bind(prepared);
            return prepared.executeUpdate();
        }
        catch (SQLException e) {
            throw new AssertionError(format("DuckDB refused %s in %s (a bug of the generator): %s", dml.render(),
                    where, e.getMessage()), e);
        }
    }

    /** How many rows {@code table} holds now. */
    int rowCount(String table) {
        try (ResultSet resultSet = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            resultSet.next();
            return resultSet.getInt(1);
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot count the rows of " + table + " in DuckDB", e);
        }
    }

    /** Starts a transaction block: the statements until {@link #end} commit or roll back together. */
    void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    /** Commits or rolls back the block {@link #begin} started, and goes back to autocommit. */
    void end(boolean commit) throws SQLException {
        if (commit) {
            connection.commit();
        }
        else {
            connection.rollback();
        }
        connection.setAutoCommit(true);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
