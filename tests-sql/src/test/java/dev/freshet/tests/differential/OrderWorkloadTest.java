package dev.freshet.tests.differential;

import static org.assertj.core.api.Assertions.assertThat;

import dev.freshet.tests.differential.OrderWorkload.Operation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The crash test's model, checked against DuckDB: it must predict every update count and every row. */
class OrderWorkloadTest {
    @Test
    void shouldPredictEveryUpdateCountAndRowOfTheTables() throws SQLException {
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
                Statement statement = duckdb.createStatement()) {
            OrderWorkload workload = new OrderWorkload(3);
            OrderWriter writer = createTables(duckdb, workload);

            for (int i = 0; i < 400; i++) {
                // Throws if a statement's update count differs from the model's.
                writer.execute(workload.next());
            }

            OrderState model = workload.acknowledged();
            assertThat(model.orders()).hasSizeGreaterThan(50);
            assertThat(model.events()).isNotEmpty();
            assertThat(read(statement, "SELECT id, region FROM customers").differenceFrom(model.customerRows())
                    .isEmpty()).isTrue();
            assertThat(read(statement, "SELECT id, customer, amount, status FROM orders")
                    .differenceFrom(model.orderRows()).isEmpty()).isTrue();
            assertThat(read(statement, "SELECT order_id, seq FROM events").differenceFrom(model.eventRows())
                    .isEmpty()).isTrue();
        }
    }

    @Test
    void shouldKeepAnUnacknowledgedOperationOutOfTheModelUntilResolved() {
        OrderWorkload workload = new OrderWorkload(5);
        workload.acknowledge(workload.createCustomers());
        Operation operation = nextCommitting(workload);

        OrderState candidate = workload.acknowledgedWith(operation);

        // The operation inserts an order with a fresh id: only the candidate has it.
        assertThat(workload.acknowledged().orderRows().differenceFrom(candidate.orderRows()).isEmpty()).isFalse();
        workload.resolve(candidate);
        assertThat(workload.acknowledged()).isSameAs(candidate);
    }

    @Test
    void shouldLeaveTheModelAloneWhenABlockRollsBack() {
        OrderWorkload workload = new OrderWorkload(8);
        workload.acknowledge(workload.createCustomers());
        Operation rolledBack = null;
        while (rolledBack == null) {
            Operation operation = workload.next();
            if (operation.ending() == DmlTransaction.Ending.ROLLBACK) {
                rolledBack = operation;
            }
            else {
                workload.acknowledge(operation);
            }
        }
        ResultRows before = workload.acknowledged().orderRows();

        workload.acknowledge(rolledBack);

        assertThat(workload.acknowledged().orderRows().differenceFrom(before).isEmpty()).isTrue();
    }

    /** The next operation that commits and writes orders, acknowledging the ones before it. */
    private static Operation nextCommitting(OrderWorkload workload) {
        while (true) {
            Operation operation = workload.next();
            boolean insertsOrder = operation.steps().stream()
                    .anyMatch(step -> step.statement().sql().startsWith("INSERT INTO orders"));
            if (operation.ending() != DmlTransaction.Ending.ROLLBACK && insertsOrder) {
                return operation;
            }
            workload.acknowledge(operation);
        }
    }

    private static OrderWriter createTables(Connection duckdb, OrderWorkload workload) throws SQLException {
        try (Statement statement = duckdb.createStatement()) {
            for (String ddl : OrderState.CREATE_TABLES) {
                // DuckDB checks keys eagerly within a transaction; the workload never repeats one anyway.
                statement.execute(ddl.replace(" PRIMARY KEY", ""));
            }
        }
        OrderWriter writer = new OrderWriter(duckdb, workload, () -> false);
        writer.execute(workload.createCustomers());
        return writer;
    }

    private static ResultRows read(Statement statement, String sql) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(sql)) {
            return ResultRows.read(resultSet);
        }
    }
}
