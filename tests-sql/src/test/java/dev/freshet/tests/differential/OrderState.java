package dev.freshet.tests.differential;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the crash test's tables hold, as far as the server has acknowledged: the model the
 * recovered tables are checked against.
 *
 * <p>Layout, one map per table: {@code customers} id → region; {@code orders} id → (customer,
 * amount, status); {@code events} seq → order id. {@code events} has no key in the database, but
 * every generated event has a unique seq, so a duplicated row shows as a second row with the same
 * seq. Mutable, and confined to one thread at a time (the writer's, then, after it has been
 * joined, the test's).
 */
final class OrderState {
    static final List<String> CREATE_TABLES = List.of(
            "CREATE TABLE customers (id INT PRIMARY KEY, region VARCHAR)",
            "CREATE TABLE orders (id BIGINT PRIMARY KEY, customer INT, amount INT, status VARCHAR)",
            "CREATE TABLE events (order_id BIGINT, seq BIGINT)");

    private final Map<Integer, String> customers = new TreeMap<>();
    private final Map<Long, Order> orders = new TreeMap<>();
    private final Map<Long, Long> events = new TreeMap<>();

    OrderState copy() {
        OrderState copy = new OrderState();
        copy.customers.putAll(customers);
        copy.orders.putAll(orders);
        copy.events.putAll(events);
        return copy;
    }

    Map<Integer, String> customers() {
        return customers;
    }

    Map<Long, Order> orders() {
        return orders;
    }

    Map<Long, Long> events() {
        return events;
    }

    /** How many events belong to an order: the count {@code DELETE FROM events WHERE order_id = ?} reports. */
    int eventCount(long orderId) {
        return (int) events.values().stream().filter(order -> order == orderId).count();
    }

    /** {@code SELECT id, region FROM customers}, as the model says it must read. */
    ResultRows customerRows() {
        List<List<Object>> rows = new ArrayList<>();
        customers.forEach((id, region) -> rows.add(Arrays.asList(id, region)));
        return ResultRows.of(2, rows);
    }

    /** {@code SELECT id, customer, amount, status FROM orders}. */
    ResultRows orderRows() {
        List<List<Object>> rows = new ArrayList<>();
        orders.forEach((id, order) -> rows.add(Arrays.asList(id, order.customer(), order.amount(), order.status())));
        return ResultRows.of(4, rows);
    }

    /** {@code SELECT order_id, seq FROM events}. */
    ResultRows eventRows() {
        List<List<Object>> rows = new ArrayList<>();
        events.forEach((seq, orderId) -> rows.add(Arrays.asList(orderId, seq)));
        return ResultRows.of(2, rows);
    }

    record Order(int customer, int amount, String status) {
    }
}
