package dev.freshet.bench;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Inserts rows of {@code BIGINT} values with a prepared multi-row
 * {@code INSERT INTO t VALUES (?, ?), (?, ?), ...}, the way a bulk loader feeds a table.
 *
 * <p>Rows wait in {@link #pending} until a statement's worth ({@code rowsPerStatement}) has
 * gathered, then go in one execution of a prepared statement of that many rows.
 * {@link #executePending()} sends a shorter remainder with a statement of the remainder's size;
 * callers call it before they commit, so no row of a transaction stays behind. Commits are the
 * caller's.
 *
 * <p>The statements are kept by row count for the inserter's life and reused, because preparing
 * one costs the server a plan and a code generation that grow with its rows (seconds for a
 * thousand rows); reused on a connection with pgjdbc's {@code prepareThreshold=1}, each is parsed
 * once and afterwards only bound.
 */
final class MultiRowInserter implements AutoCloseable {
    private final Connection connection;
    private final String table;
    private final int columns;
    private final int rowsPerStatement;
    /** The prepared statements by their number of rows: the full one, and remainders as met. */
    private final Map<Integer, PreparedStatement> statements = new HashMap<>();
    /** The values of the rows not sent yet, row after row; {@code pendingRows} rows of them are set. */
    private final long[] pending;
    private int pendingRows;

    MultiRowInserter(Connection connection, String table, int columns, int rowsPerStatement) {
        this.connection = requireNonNull(connection, "connection is null");
        this.table = requireNonNull(table, "table is null");
        if (columns < 1 || rowsPerStatement < 1) {
            throw new IllegalArgumentException("columns and rowsPerStatement must be positive: " + columns + ", "
                    + rowsPerStatement);
        }
        this.columns = columns;
        this.rowsPerStatement = rowsPerStatement;
        this.pending = new long[columns * rowsPerStatement];
    }

    /** Adds a row of {@code columns} values; sends a full statement's worth when there is one. */
    void add(long... row) throws SQLException {
        if (row.length != columns) {
            throw new IllegalArgumentException("expected " + columns + " values, got " + row.length);
        }
        System.arraycopy(row, 0, pending, pendingRows * columns, columns);
        pendingRows++;
        if (pendingRows == rowsPerStatement) {
            executePending();
        }
    }

    /** Sends the rows added since the last statement, if any. */
    void executePending() throws SQLException {
        if (pendingRows == 0) {
            return;
        }
        PreparedStatement statement = statements.get(pendingRows);
        if (statement == null) {
            statement = connection.prepareStatement(insertSql(pendingRows));
            statements.put(pendingRows, statement);
        }
        int values = pendingRows * columns;
        for (int i = 0; i < values; i++) {
            statement.setLong(i + 1, pending[i]);
        }
        int inserted = statement.executeUpdate();
        if (inserted != pendingRows) {
            throw new IllegalStateException("INSERT INTO " + table + " of " + pendingRows + " rows reported "
                    + inserted);
        }
        pendingRows = 0;
    }

    private String insertSql(int rows) {
        StringJoiner tuple = new StringJoiner(", ", "(", ")");
        for (int column = 0; column < columns; column++) {
            tuple.add("?");
        }
        StringJoiner tuples = new StringJoiner(", ");
        for (int row = 0; row < rows; row++) {
            tuples.add(tuple.toString());
        }
        return "INSERT INTO " + table + " VALUES " + tuples;
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
