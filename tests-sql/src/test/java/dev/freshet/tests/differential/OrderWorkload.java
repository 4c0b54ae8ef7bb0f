package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import dev.freshet.tests.differential.DmlStatement.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * The crash test's writes: seeded random operations on {@link OrderState}'s tables, each step
 * carrying the update count the server must report and its effect on the model.
 *
 * <p>State: the random source, the next fresh order id and event seq, and {@link #acknowledged()},
 * the model of what the server has acknowledged. An operation is generated against a working copy
 * of that model (so a block's later steps see its earlier ones), and enters the model only through
 * {@link #acknowledge(Operation)}, once the server has acknowledged it. Steps never violate a key:
 * orders get fresh ids, and the other steps only update and delete.
 */
final class OrderWorkload {
    static final int CUSTOMERS = 10;
    private static final String[] REGIONS = {"north", "south", "east", "west"};

    private final Random random;
    private OrderState acknowledged = new OrderState();
    private long nextOrderId = 1;
    private long nextSeq = 1;

    OrderWorkload(long seed) {
        this.random = new Random(seed);
    }

    /** What the server has acknowledged so far. */
    OrderState acknowledged() {
        return acknowledged;
    }

    /** The customers every run starts with (ids 0 to 9; orders also name customers 10 and 11, which never exist). */
    Operation createCustomers() {
        List<Step> steps = new ArrayList<>();
        for (int id = 0; id < CUSTOMERS; id++) {
            String region = REGIONS[id % REGIONS.length];
            int customer = id;
            steps.add(new Step(DmlStatement.of("INSERT INTO customers VALUES (?, ?)", Parameter.integer(customer),
                    Parameter.varchar(region)), 1, state -> state.customers().put(customer, region)));
        }
        return new Operation(steps, DmlTransaction.Ending.COMMIT);
    }

    /** A random operation: one autocommit step, or a block of two to four steps that commits or (rarely) rolls back. */
    Operation next() {
        OrderState working = acknowledged.copy();
        int kind = random.nextInt(10);
        if (kind < 5) {
            return new Operation(List.of(step(working)), DmlTransaction.Ending.AUTOCOMMIT);
        }
        List<Step> steps = new ArrayList<>();
        int count = 2 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            steps.add(step(working));
        }
        return new Operation(steps, kind == 9 ? DmlTransaction.Ending.ROLLBACK : DmlTransaction.Ending.COMMIT);
    }

    /** Applies a committed operation to the model; a rolled-back one changes nothing. */
    void acknowledge(Operation operation) {
        if (operation.ending() == DmlTransaction.Ending.ROLLBACK) {
            return;
        }
        operation.steps().forEach(step -> step.effect().accept(acknowledged));
    }

    /** The model with a committed operation applied, leaving the model itself alone. */
    OrderState acknowledgedWith(Operation operation) {
        OrderState copy = acknowledged.copy();
        if (operation.ending() != DmlTransaction.Ending.ROLLBACK) {
            operation.steps().forEach(step -> step.effect().accept(copy));
        }
        return copy;
    }

    /** Replaces the model, once the recovered tables have shown which of two candidates holds. */
    void resolve(OrderState recovered) {
        acknowledged = requireNonNull(recovered, "recovered is null");
    }

    /** Generates one step against {@code working} and applies it there. */
    private Step step(OrderState working) {
        Step step;
        int kind = random.nextInt(16);
        if (kind < 6) {
            step = newOrder();
        }
        else if (kind < 9) {
            step = changeAmount(working);
        }
        else if (kind < 11) {
            step = moveOrder(working);
        }
        else if (kind == 11) {
            step = deleteOrder(working);
        }
        else if (kind == 12) {
            step = changeRegion();
        }
        else if (kind == 13) {
            step = raiseCustomer(working);
        }
        else if (kind == 14) {
            step = newEvent(working);
        }
        else {
            step = deleteEvents(working);
        }
        step.effect().accept(working);
        return step;
    }

    private Step newOrder() {
        long id = nextOrderId++;
        int customer = random.nextInt(CUSTOMERS + 2);
        int amount = 1 + random.nextInt(1000);
        return new Step(DmlStatement.of("INSERT INTO orders VALUES (?, ?, ?, 'new')", Parameter.bigint(id),
                Parameter.integer(customer), Parameter.integer(amount)), 1,
                state -> state.orders().put(id, new OrderState.Order(customer, amount, "new")));
    }

    private Step changeAmount(OrderState working) {
        long id = someOrderId();
        int amount = 1 + random.nextInt(1000);
        return new Step(DmlStatement.of("UPDATE orders SET amount = ?, status = 'changed' WHERE id = ?",
                Parameter.integer(amount), Parameter.bigint(id)), working.orders().containsKey(id) ? 1 : 0,
                state -> state.orders().computeIfPresent(id,
                        (key, order) -> new OrderState.Order(order.customer(), amount, "changed")));
    }

    private Step moveOrder(OrderState working) {
        long id = someOrderId();
        int customer = random.nextInt(CUSTOMERS + 2);
        return new Step(DmlStatement.of("UPDATE orders SET customer = ? WHERE id = ?", Parameter.integer(customer),
                Parameter.bigint(id)), working.orders().containsKey(id) ? 1 : 0,
                state -> state.orders().computeIfPresent(id,
                        (key, order) -> new OrderState.Order(customer, order.amount(), order.status())));
    }

    private Step deleteOrder(OrderState working) {
        long id = someOrderId();
        return new Step(DmlStatement.of("DELETE FROM orders WHERE id = ?", Parameter.bigint(id)),
                working.orders().containsKey(id) ? 1 : 0, state -> state.orders().remove(id));
    }

    private Step changeRegion() {
        int customer = random.nextInt(CUSTOMERS);
        String region = REGIONS[random.nextInt(REGIONS.length)];
        return new Step(DmlStatement.of("UPDATE customers SET region = ? WHERE id = ?", Parameter.varchar(region),
                Parameter.integer(customer)), 1, state -> state.customers().put(customer, region));
    }

    /** A multi-row update: every order of one customer. */
    private Step raiseCustomer(OrderState working) {
        int customer = random.nextInt(CUSTOMERS + 2);
        int count = (int) working.orders().values().stream().filter(order -> order.customer() == customer).count();
        return new Step(DmlStatement.of("UPDATE orders SET amount = amount + 1 WHERE customer = ?",
                Parameter.integer(customer)), count,
                state -> state.orders().replaceAll((id, order) -> order.customer() == customer
                        ? new OrderState.Order(customer, order.amount() + 1, order.status())
                        : order));
    }

    private Step newEvent(OrderState working) {
        long orderId = someOrderId();
        long seq = nextSeq++;
        return new Step(DmlStatement.of("INSERT INTO events VALUES (?, ?)", Parameter.bigint(orderId),
                Parameter.bigint(seq)), 1, state -> state.events().put(seq, orderId));
    }

    private Step deleteEvents(OrderState working) {
        long orderId = someOrderId();
        return new Step(DmlStatement.of("DELETE FROM events WHERE order_id = ?", Parameter.bigint(orderId)),
                working.eventCount(orderId), state -> state.events().values().removeIf(order -> order == orderId));
    }

    /** A recent order id: usually one that exists, sometimes one deleted or never used. */
    private long someOrderId() {
        long low = Math.max(1, nextOrderId - 300);
        return low + (long) random.nextInt((int) (nextOrderId - low) + 1);
    }

    /**
     * One statement, the update count it must report, and its effect on the model.
     */
    record Step(DmlStatement statement, int expectedCount, Consumer<OrderState> effect) {
        Step {
            requireNonNull(statement, "statement is null");
            requireNonNull(effect, "effect is null");
        }
    }

    /**
     * Steps and how they end: {@link DmlTransaction.Ending#AUTOCOMMIT} has exactly one step,
     * acknowledged when it returns; a block is acknowledged when its COMMIT returns.
     */
    record Operation(List<Step> steps, DmlTransaction.Ending ending) {
        Operation {
            steps = List.copyOf(steps);
            requireNonNull(ending, "ending is null");
            if (ending == DmlTransaction.Ending.AUTOCOMMIT && steps.size() != 1) {
                throw new IllegalArgumentException("an autocommit operation has one step");
            }
        }

        String script() {
            StringBuilder script = new StringBuilder();
            if (ending != DmlTransaction.Ending.AUTOCOMMIT) {
                script.append("BEGIN; ");
            }
            steps.forEach(step -> script.append(step.statement().render()).append("; "));
            if (ending != DmlTransaction.Ending.AUTOCOMMIT) {
                script.append(ending).append(';');
            }
            return script.toString().strip();
        }
    }
}
