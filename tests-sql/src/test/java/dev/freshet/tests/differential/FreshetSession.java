package dev.freshet.tests.differential;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.freshet.tests.process.ServerProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The session a differential test writes and reads through, in the manner of a client: every
 * statement of the workload and every read of a view goes through one session on the server, so
 * reads see the session's own writes without a FLUSH.
 *
 * <p>Each statement text is prepared once per session: Freshet caches the plans of prepared
 * statements, so each statement shape is planned once ({@link DifferentialServer#connect} has
 * pgjdbc use server-side statements from the first execution). A statement that must succeed and
 * fails is an {@link AssertionError} naming the statement and where in the run it ran, or saying
 * that the server died, which explains every later error at once.
 */
final class FreshetSession {
    private final ServerProcess server;
    private final Supplier<String> position;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private Connection connection;
    private Statement statement;

    /**
     * A session on {@code server}, not connected yet; {@code position} says where the run is, for
     * the message that the server died.
     */
    FreshetSession(ServerProcess server, Supplier<String> position) {
        this.server = requireNonNull(server, "server is null");
        this.position = requireNonNull(position, "position is null");
    }

    /** Opens a session on the server as it runs now; what an earlier session prepared is forgotten. */
    void connect() throws SQLException {
        prepared.clear();
        connection = DifferentialServer.connect(server);
        statement = connection.createStatement();
    }

    /** Closes the session, before the server stops. */
    void disconnect() throws SQLException {
        connection.close();
    }

    /** Runs a statement whose failure the caller handles: DDL, say. */
    void execute(String sql) throws SQLException {
        statement.execute(sql);
    }

    /** Runs a statement that must succeed, such as {@code BEGIN}; {@code where} names it in the run. */
    void run(String sql, String where) {
        try {
            statement.execute(sql);
        }
        catch (SQLException e) {
            throw failure(sql, where, e);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE whose failure the caller handles. */
    Update executeUpdate(DmlStatement dml) throws SQLException {
        PreparedStatement update = prepare(dml.sql());
        dml.bind(update);
        update.clearWarnings();
        int rows = update.executeUpdate();
        return new Update(rows, update.getWarnings() != null);
    }

    /** Runs an INSERT, UPDATE or DELETE that must succeed; {@code where} names it in the run. */
    Update requireUpdate(DmlStatement dml, String where) {
        try {
            return executeUpdate(dml);
        }
        catch (SQLException e) {
            throw failure(dml.render(), where, e);
        }
    }

    /** The rows of a SELECT the test runs again and again, such as a view's {@code SELECT *}. */
    ResultRows rows(String select) throws SQLException {
        try (ResultSet resultSet = prepare(select).executeQuery()) {
            return ResultRows.read(resultSet);
        }
    }

    /** The rows of a SELECT run once, not prepared: a view's query as a batch query, say. */
    ResultRows batchRows(String select) throws SQLException {
        return ResultRows.query(statement, select);
    }

    /** Fails the test, saying where in the run, when the server process has ended. */
    void requireServerAlive() {
        if (!server.isAlive()) {
            throw new AssertionError("the Freshet server died " + position.get());
        }
    }

    private AssertionError failure(String sql, String where, SQLException e) {
        requireServerAlive();
        return new AssertionError(format("Freshet failed %s in %s: %s [SQLSTATE %s]", sql, where, e.getMessage(),
                e.getSQLState()), e);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement cached = prepared.get(sql);
        if (cached == null) {
            cached = connection.prepareStatement(sql);
            prepared.put(sql, cached);
        }
        return cached;
    }

    /**
     * What an INSERT, UPDATE or DELETE did.
     *
     * @param rows the row count Freshet reported
     * @param noticed whether Freshet sent a warning (a NOTICE) with it: about late rows left out, say
     */
    record Update(int rows, boolean noticed) {
    }
}
