package dev.freshet.tests.sql;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.freshet.tests.process.ServerFailure;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs the records of one {@code .slt} file against a server, in order, on autocommit sessions.
 *
 * <p>A failed record does not stop the file: later records usually still say something (and an
 * integrator wants to see every broken feature at once). The file stops when the server is gone
 * or cannot be restarted, since nothing after that can pass.
 */
final class SltFileRunner {
    static final String DEFAULT_CONNECTION = "default";
    private static final int MAX_FAILURES = 40;

    private final SltFile file;
    private final ServerHandle server;
    private final Duration budget;
    private final Map<String, Connection> connections = new LinkedHashMap<>();
    private final Map<String, List<String>> labelledResults = new HashMap<>();
    private final List<SltFailure> failures = new ArrayList<>();
    private final List<SltExpectedFailure> expectedFailures = new ArrayList<>();
    private String currentConnection = DEFAULT_CONNECTION;
    /** Whether the record running now lost its session, so that no xfail marker can excuse it. */
    private boolean sessionLost;

    /**
     * @param budget how long the whole file may take: a server that hangs on every statement would
     *     otherwise cost a socket timeout per record
     */
    SltFileRunner(SltFile file, ServerHandle server, Duration budget) {
        this.file = requireNonNull(file, "file is null");
        this.server = requireNonNull(server, "server is null");
        this.budget = requireNonNull(budget, "budget is null");
    }

    /** Runs every record; returns the failures (none when the file passed) and the expected failures. */
    SltFileResult run() {
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            for (SltRecord record : file.records()) {
                if (System.nanoTime() > deadline) {
                    fail(record.line(), "", format("the file ran out of its %d s budget here "
                            + "(-Dfreshet.slt.fileTimeoutSeconds raises it)", budget.toSeconds()));
                    break;
                }
                if (!runRecord(record) || failures.size() >= MAX_FAILURES) {
                    break;
                }
            }
        }
        finally {
            closeConnections();
        }
        return new SltFileResult(file.name(), failures, expectedFailures);
    }

    /** Returns false when the rest of the file cannot run. */
    private boolean runRecord(SltRecord record) {
        sessionLost = false;
        if (record.expectedFailure().isPresent()) {
            return runExpectedToFail(record, record.expectedFailure().get());
        }
        return execute(record);
    }

    /**
     * Runs a record marked {@code xfail}: its failures become one expected failure, and its success
     * fails the file, so that a marker cannot outlive the gap it stands for. A lost session or
     * server is never the known gap: those failures stay failures.
     */
    private boolean runExpectedToFail(SltRecord record, String reason) {
        int failuresBefore = failures.size();
        boolean goOn = execute(record);
        List<SltFailure> recordFailures = failures.subList(failuresBefore, failures.size());
        if (!goOn || sessionLost) {
            recordFailures.replaceAll(failure -> new SltFailure(failure.file(), failure.line(), failure.sql(),
                    failure.problem() + format("%n(the record is marked xfail (\"%s\"), but a lost session or "
                            + "server is never an expected failure)", reason)));
            return goOn;
        }
        if (recordFailures.isEmpty()) {
            fail(record.line(), "", format("record marked xfail (\"%s\") passes now: remove the xfail line", reason));
            return true;
        }
        List<String> problems = new ArrayList<>();
        for (SltFailure failure : recordFailures) {
            problems.add(failure.problem());
        }
        expectedFailures.add(new SltExpectedFailure(file.name(), record.line(), reason, String.join("\n", problems)));
        recordFailures.clear();
        return true;
    }

    private boolean execute(SltRecord record) {
        if (record instanceof SltRecord.Statement statement) {
            return runStatement(statement);
        }
        if (record instanceof SltRecord.Query query) {
            return runQuery(query);
        }
        if (record instanceof SltRecord.Connection connection) {
            currentConnection = connection.name();
            return true;
        }
        if (record instanceof SltRecord.Restart) {
            return bounceServer(record.line(), "restart", server::restart);
        }
        if (record instanceof SltRecord.Kill) {
            return bounceServer(record.line(), "kill", server::kill);
        }
        // halt
        return false;
    }

    /** Restarts the server one way or another; every session is closed first and reopened on demand. */
    private boolean bounceServer(int line, String directive, Runnable bounce) {
        closeConnections();
        try {
            bounce.run();
            return true;
        }
        catch (ServerFailure e) {
            fail(line, "", directive + " failed: " + e.getMessage());
            return false;
        }
    }

    private boolean runStatement(SltRecord.Statement record) {
        StatementOutcome outcome = record.outcome();
        try (Statement statement = connection().createStatement()) {
            boolean hasResultSet = statement.execute(record.sql());
            if (outcome instanceof StatementOutcome.Error error) {
                fail(record.line(), record.sql(), format("expected an error (%s), but the statement succeeded",
                        error.expectation().describe()));
            }
            else if (outcome instanceof StatementOutcome.Count count) {
                long expected = count.rows();
                if (hasResultSet) {
                    fail(record.line(), record.sql(),
                            format("expected %d affected rows, but the statement returned a result set", expected));
                }
                else if (statement.getLargeUpdateCount() != expected) {
                    fail(record.line(), record.sql(), format("expected %d affected rows, got %d",
                            expected, statement.getLargeUpdateCount()));
                }
            }
            else if (hasResultSet) {
                drain(statement.getResultSet());
            }
            return true;
        }
        catch (SQLException e) {
            if (outcome instanceof StatementOutcome.Error error) {
                checkError(record.line(), record.sql(), error.expectation(), e);
                return true;
            }
            return unexpectedError(record.line(), record.sql(), e);
        }
        catch (ServerFailure e) {
            fail(record.line(), record.sql(), e.getMessage());
            return false;
        }
    }

    private boolean runQuery(SltRecord.Query record) {
        try (Statement statement = connection().createStatement()) {
            boolean hasResultSet = statement.execute(record.sql());
            if (record.error().isPresent()) {
                fail(record.line(), record.sql(),
                        format("expected an error (%s), but the query succeeded", record.error().get().describe()));
                return true;
            }
            if (!hasResultSet) {
                fail(record.line(), record.sql(), format(
                        "expected rows, but the statement returned no result set (update count %d)",
                        statement.getLargeUpdateCount()));
                return true;
            }
            checkResult(record, statement.getResultSet());
            return true;
        }
        catch (SQLException e) {
            if (record.error().isPresent()) {
                checkError(record.line(), record.sql(), record.error().get(), e);
                return true;
            }
            return unexpectedError(record.line(), record.sql(), e);
        }
        catch (ServerFailure e) {
            fail(record.line(), record.sql(), e.getMessage());
            return false;
        }
    }

    private void checkResult(SltRecord.Query record, ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columnCount = metaData.getColumnCount();
        List<String> columns = new ArrayList<>(columnCount);
        for (int column = 1; column <= columnCount; column++) {
            columns.add(metaData.getColumnLabel(column) + " " + metaData.getColumnTypeName(column));
        }
        List<String> actualLines = new ArrayList<>();
        while (resultSet.next()) {
            List<String> values = new ArrayList<>(columnCount);
            for (int column = 1; column <= columnCount; column++) {
                values.add(resultSet.getString(column));
            }
            actualLines.add(ValueRendering.renderRow(values));
        }

        List<String> problems = new ArrayList<>();
        if (columnCount != record.types().size()) {
            problems.add(format("expected %d columns (query %s), got %d: %s", record.types().size(),
                    letters(record.types()), columnCount, String.join(", ", columns)));
        }
        else {
            for (int column = 1; column <= columnCount; column++) {
                ColumnType expectedType = record.types().get(column - 1);
                if (!expectedType.accepts(metaData.getColumnTypeName(column), metaData.getColumnType(column))) {
                    problems.add(format("column %d (%s) is not of type %s (%s)", column, columns.get(column - 1),
                            expectedType.letter(), expectedType.name().toLowerCase(Locale.ROOT)));
                }
            }
        }
        SortMode sortMode = record.sortMode();
        List<String> expected = sortMode.canonical(record.expectedLines());
        List<String> actual = sortMode.canonical(actualLines);
        if (!expected.equals(actual)) {
            problems.add(format("result mismatch (%s)%nexpected:%n%s%nactual:%n%s", sortMode.keyword(),
                    SltFailure.indent(String.join("\n", expected)), SltFailure.indent(String.join("\n", actual))));
        }
        if (record.label().isPresent()) {
            List<String> earlier = labelledResults.putIfAbsent(record.label().get(), actual);
            if (earlier != null && !earlier.equals(actual)) {
                problems.add(format("result differs from the earlier query labelled '%s'%nearlier:%n%s%nnow:%n%s",
                        record.label().get(), SltFailure.indent(String.join("\n", earlier)),
                        SltFailure.indent(String.join("\n", actual))));
            }
        }
        if (!problems.isEmpty()) {
            problems.add("columns: " + String.join(", ", columns));
            fail(record.line(), record.sql(), String.join("\n", problems));
        }
    }

    private void checkError(int line, String sql, ErrorExpectation expectation, SQLException e) {
        if (isConnectionLost(e)) {
            unexpectedError(line, sql, e);
            return;
        }
        if (!expectation.matches(e.getSQLState(), e.getMessage())) {
            fail(line, sql, format("expected error %s%nactual error (SQLSTATE %s) %s",
                    expectation.describe(), e.getSQLState(), e.getMessage()));
        }
    }

    /** Records an error nobody expected; returns false when the server is gone. */
    private boolean unexpectedError(int line, String sql, SQLException e) {
        if (isConnectionLost(e)) {
            sessionLost = true;
            Connection lost = connections.remove(currentConnection);
            closeQuietly(lost);
            if (!server.isAlive()) {
                fail(line, sql, format("the server died (SQLSTATE %s: %s); its last output:%n%s",
                        e.getSQLState(), e.getMessage(), SltFailure.indent(server.recentOutput())));
                return false;
            }
        }
        fail(line, sql, format("unexpected error (SQLSTATE %s) %s", e.getSQLState(), e.getMessage()));
        return true;
    }

    private static boolean isConnectionLost(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }

    private Connection connection() throws SQLException {
        Connection connection = connections.get(currentConnection);
        if (connection == null || connection.isClosed()) {
            connection = server.connect();
            connections.put(currentConnection, connection);
        }
        return connection;
    }

    private void closeConnections() {
        for (Connection connection : connections.values()) {
            closeQuietly(connection);
        }
        connections.clear();
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        }
        catch (SQLException ignored) {
            // The session is being thrown away (restart, kill, end of file): nothing to recover.
        }
    }

    private static void drain(ResultSet resultSet) throws SQLException {
        while (resultSet.next()) {
            // A statement record ignores its rows, but reading them all lets the server finish the portal.
        }
    }

    private static String letters(List<ColumnType> types) {
        StringBuilder text = new StringBuilder();
        for (ColumnType type : types) {
            text.append(type.letter());
        }
        return text.toString();
    }

    private void fail(int line, String sql, String problem) {
        String where = DEFAULT_CONNECTION.equals(currentConnection) ? "" : "[connection " + currentConnection + "] ";
        failures.add(new SltFailure(file.name(), line, sql, where + problem));
    }
}
