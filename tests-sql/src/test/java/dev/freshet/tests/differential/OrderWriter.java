package dev.freshet.tests.differential;

import static java.lang.String.format;
import static java.util.Objects.requireNonNull;

import dev.freshet.tests.differential.OrderWorkload.Operation;
import dev.freshet.tests.differential.OrderWorkload.Step;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Runs {@link OrderWorkload} operations on one session and moves each into the workload's model
 * exactly when the server acknowledges it: an autocommit statement when it returns, a block when
 * its COMMIT returns. Every statement's update count must be the one the model predicts.
 *
 * <p>As a {@link Runnable} it writes until stopped or until its session dies. State: the operation
 * in flight (sent, not acknowledged: after a kill its outcome is unknown), counts of what was
 * acknowledged, and the first unexpected failure. A session that dies while {@code killed} says
 * the server was killed on purpose is the expected end, not a failure. Read the state after the
 * thread has been joined.
 */
final class OrderWriter implements Runnable {
    private final Connection connection;
    private final OrderWorkload workload;
    private final BooleanSupplier killed;
    private final Map<String, PreparedStatement> prepared = new HashMap<>();
    private volatile boolean stopRequested;
    private Operation inFlight;
    private volatile int acknowledgedOperations;
    private int acknowledgedStatements;
    private Throwable failure;

    OrderWriter(Connection connection, OrderWorkload workload, BooleanSupplier killed) {
        this.connection = requireNonNull(connection, "connection is null");
        this.workload = requireNonNull(workload, "workload is null");
        this.killed = requireNonNull(killed, "killed is null");
    }

    @Override
    public void run() {
        try {
            while (!stopRequested) {
                execute(workload.next());
            }
        }
        catch (SQLException e) {
            if (!killed.getAsBoolean()) {
                failure = e;
            }
        }
        catch (RuntimeException | AssertionError e) {
            failure = e;
        }
    }

    void stop() {
        stopRequested = true;
    }

    /**
     * Runs one operation and acknowledges it in the model.
     *
     * @throws SQLException if the session fails; the operation then stays {@link #inFlight()}
     * @throws AssertionError if an update count is not the predicted one
     */
    void execute(Operation operation) throws SQLException {
        inFlight = operation;
        try (Statement control = connection.createStatement()) {
            boolean block = operation.ending() != DmlTransaction.Ending.AUTOCOMMIT;
            if (block) {
                control.execute("BEGIN");
            }
            for (Step step : operation.steps()) {
                PreparedStatement statement = prepared.get(step.statement().sql());
                if (statement == null) {
                    statement = connection.prepareStatement(step.statement().sql());
                    prepared.put(step.statement().sql(), statement);
                }
                step.statement().bind(statement);
                int count = statement.executeUpdate();
                if (count != step.expectedCount()) {
                    throw new AssertionError(format("%s reported %d rows, the model says %d (in: %s)",
                            step.statement().render(), count, step.expectedCount(), operation.script()));
                }
            }
            if (block) {
                control.execute(operation.ending() == DmlTransaction.Ending.COMMIT ? "COMMIT" : "ROLLBACK");
            }
        }
        workload.acknowledge(operation);
        inFlight = null;
        acknowledgedOperations++;
        acknowledgedStatements += operation.steps().size();
    }

    /** The operation sent but not acknowledged when the session died; null if none. */
    Operation inFlight() {
        return inFlight;
    }

    int acknowledgedOperations() {
        return acknowledgedOperations;
    }

    int acknowledgedStatements() {
        return acknowledgedStatements;
    }

    /** The first failure that was not the planned kill; null if none. */
    Throwable failure() {
        return failure;
    }
}
