package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import dev.freshet.tests.differential.DmlStatement.Parameter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Seeded random transactions over the differential schema ({@link #CREATE_TABLES}): the same seed
 * and the same answers of {@code tableSize} give the same transactions, so a failing run replays
 * with its seed.
 *
 * <p>Value domains are small on purpose: five groups ({@code t1.g}), seven join keys ({@code t2.k},
 * {@code t3.k}), a handful of strings, so that groups fill and empty, join partners come and go,
 * and MIN/MAX/Top-N see ties. Every nullable column is NULL about one time in ten. Statements:
 * inserts with fresh ids; delete-then-insert of an id that may or may not exist (a key deleted and
 * reinserted, in one transaction or across many); updates that move rows between groups and join
 * partners or set NULL; deletes of id ranges and by predicate; exact duplicate rows in {@code t3},
 * which has no key; and, now and then, a delete of every row of a table. Every
 * {@value #WIPE_INTERVAL}th transaction empties all three tables.
 *
 * <p>State: the random source, and the next fresh id per table (ids are never reused by inserts,
 * only by the delete-then-insert pair, which is valid whether the id exists or not, so the
 * generator never needs to know which rows exist).
 */
final class RandomDml {
    /** The tables, in Freshet's dialect; {@link #oracleTables()} gives DuckDB's. */
    static final List<String> CREATE_TABLES = List.of(
            "CREATE TABLE t1 (id INT PRIMARY KEY, g INT, v INT, s VARCHAR, b BOOLEAN, d DECIMAL(10,2))",
            "CREATE TABLE t2 (id INT PRIMARY KEY, k INT, w BIGINT, name VARCHAR)",
            "CREATE TABLE t3 (k INT, x INT)");
    static final int WIPE_INTERVAL = 400;

    private static final int T1_TARGET_ROWS = 150;
    private static final int T2_TARGET_ROWS = 40;
    private static final int T3_TARGET_ROWS = 60;
    private static final double DELETE_ALL_PROBABILITY = 0.004;
    private static final String[] STRINGS = {"a", "ab", "b", "c", "dd", "e"};
    private static final String[] NAMES = {"ann", "bob", "cy", "dee"};

    private final Random random;
    private final ToIntFunction<String> tableSize;
    private int nextT1Id = 1;
    private int nextT2Id = 1;
    private int transactions;

    /**
     * @param tableSize the current row count of a table, read at the start of each transaction to
     *     keep tables near their target sizes
     */
    RandomDml(long seed, ToIntFunction<String> tableSize) {
        this.random = new Random(seed);
        this.tableSize = requireNonNull(tableSize, "tableSize is null");
    }

    /**
     * The tables without their primary keys, for the oracle: it need not enforce them (the
     * statements never violate one), and DuckDB's eager key checks refuse a delete and reinsert of
     * one key in a single transaction, which PostgreSQL allows.
     */
    static List<String> oracleTables() {
        return CREATE_TABLES.stream().map(ddl -> ddl.replace(" PRIMARY KEY", "")).toList();
    }

    /** Inserts of fresh rows ({@code t1Rows} into t1, and so on), in statements of at most 20 rows. */
    List<DmlStatement> initialLoad(int t1Rows, int t2Rows, int t3Rows) {
        List<DmlStatement> statements = new ArrayList<>();
        for (int done = 0; done < t1Rows; done += 20) {
            statements.add(insertT1(Math.min(20, t1Rows - done)));
        }
        for (int done = 0; done < t2Rows; done += 20) {
            statements.add(insertT2(Math.min(20, t2Rows - done)));
        }
        for (int done = 0; done < t3Rows; done += 20) {
            statements.add(insertT3(Math.min(20, t3Rows - done)));
        }
        return statements;
    }

    DmlTransaction next() {
        transactions++;
        if (transactions % WIPE_INTERVAL == 0) {
            List<DmlStatement> wipe = List.of(DmlStatement.of("DELETE FROM t1"), DmlStatement.of("DELETE FROM t2"),
                    DmlStatement.of("DELETE FROM t3"));
            return new DmlTransaction(transactions, wipe, DmlTransaction.Ending.COMMIT);
        }
        int t1Size = tableSize.applyAsInt("t1");
        int t2Size = tableSize.applyAsInt("t2");
        int t3Size = tableSize.applyAsInt("t3");
        // One to five statements (six when a delete-then-insert pair comes last).
        int count = 1 + random.nextInt(5);
        List<DmlStatement> statements = new ArrayList<>();
        while (statements.size() < count) {
            int table = random.nextInt(4);
            if (table <= 1) {
                statements.addAll(t1Statements(t1Size));
            }
            else if (table == 2) {
                statements.addAll(t2Statements(t2Size));
            }
            else {
                statements.addAll(t3Statements(t3Size));
            }
        }
        int ending = random.nextInt(10);
        DmlTransaction.Ending kind;
        if (ending < 3) {
            kind = DmlTransaction.Ending.AUTOCOMMIT;
        }
        else if (ending < 9) {
            kind = DmlTransaction.Ending.COMMIT;
        }
        else {
            kind = DmlTransaction.Ending.ROLLBACK;
        }
        return new DmlTransaction(transactions, statements, kind);
    }

    private List<DmlStatement> t1Statements(int size) {
        if (random.nextDouble() < DELETE_ALL_PROBABILITY) {
            return List.of(DmlStatement.of("DELETE FROM t1"));
        }
        double insertShare = size < T1_TARGET_ROWS ? 0.45 : 0.2;
        if (random.nextDouble() < insertShare) {
            return List.of(insertT1(1 + random.nextInt(4)));
        }
        return switch (random.nextInt(12)) {
            case 0, 1 -> {
                int id = random.nextInt(nextT1Id);
                yield List.of(DmlStatement.of("DELETE FROM t1 WHERE id = ?", integer(id)), insertT1Row(id));
            }
            case 2 -> List.of(DmlStatement.of("UPDATE t1 SET g = ? WHERE id BETWEEN ? AND ?",
                    withIdRange(nextT1Id, T1_TARGET_ROWS, group())));
            case 3 -> List.of(DmlStatement.of("UPDATE t1 SET g = ? WHERE g = ? AND v > ?", group(),
                    integer(random.nextInt(5)), integer(random.nextInt(20))));
            case 4 -> List.of(DmlStatement.of("UPDATE t1 SET v = ? WHERE id = ?", t1Value(),
                    integer(random.nextInt(nextT1Id))));
            case 5 -> List.of(DmlStatement.of("UPDATE t1 SET v = v + 1 WHERE g = ?", integer(random.nextInt(5))));
            case 6 -> List.of(DmlStatement.of("UPDATE t1 SET v = NULL, s = NULL WHERE id % 7 = ?",
                    integer(random.nextInt(7))));
            case 7 -> List.of(DmlStatement.of("UPDATE t1 SET s = ?, b = ? WHERE id BETWEEN ? AND ?",
                    withIdRange(nextT1Id, T1_TARGET_ROWS, string(), bool())));
            case 8 -> List.of(DmlStatement.of("UPDATE t1 SET b = NOT b, d = ? WHERE g = ?", decimal(),
                    integer(random.nextInt(5))));
            case 9 -> List.of(DmlStatement.of("DELETE FROM t1 WHERE id BETWEEN ? AND ?",
                    withIdRange(nextT1Id, T1_TARGET_ROWS)));
            case 10 -> List.of(DmlStatement.of("DELETE FROM t1 WHERE g = ? AND v < ?", integer(random.nextInt(5)),
                    integer(random.nextInt(25))));
            default -> List.of(DmlStatement.of("DELETE FROM t1 WHERE " + (random.nextBoolean() ? "s" : "b")
                    + " IS NULL"));
        };
    }

    private List<DmlStatement> t2Statements(int size) {
        if (random.nextDouble() < DELETE_ALL_PROBABILITY) {
            return List.of(DmlStatement.of("DELETE FROM t2"));
        }
        double insertShare = size < T2_TARGET_ROWS ? 0.45 : 0.2;
        if (random.nextDouble() < insertShare) {
            return List.of(insertT2(1 + random.nextInt(3)));
        }
        return switch (random.nextInt(8)) {
            case 0 -> {
                int id = random.nextInt(nextT2Id);
                yield List.of(DmlStatement.of("DELETE FROM t2 WHERE id = ?", integer(id)), insertT2Row(id));
            }
            case 1, 2 -> List.of(DmlStatement.of("UPDATE t2 SET k = ? WHERE id BETWEEN ? AND ?",
                    withIdRange(nextT2Id, T2_TARGET_ROWS, joinKey())));
            case 3 -> List.of(DmlStatement.of("UPDATE t2 SET w = ?, name = ? WHERE id = ?", bigint(), name(),
                    integer(random.nextInt(nextT2Id))));
            case 4 -> List.of(DmlStatement.of("UPDATE t2 SET name = ? WHERE k = ?", name(),
                    integer(random.nextInt(7))));
            case 5 -> List.of(DmlStatement.of("DELETE FROM t2 WHERE id BETWEEN ? AND ?",
                    withIdRange(nextT2Id, T2_TARGET_ROWS)));
            case 6 -> List.of(DmlStatement.of("DELETE FROM t2 WHERE k = ?", integer(random.nextInt(7))));
            default -> List.of(DmlStatement.of("DELETE FROM t2 WHERE name IS NULL OR k IS NULL"));
        };
    }

    private List<DmlStatement> t3Statements(int size) {
        if (random.nextDouble() < DELETE_ALL_PROBABILITY) {
            return List.of(DmlStatement.of("DELETE FROM t3"));
        }
        double insertShare = size < T3_TARGET_ROWS ? 0.5 : 0.2;
        if (random.nextDouble() < insertShare) {
            return List.of(insertT3(1 + random.nextInt(3)));
        }
        return switch (random.nextInt(7)) {
            case 0 -> {
                // Exact duplicates: a table without a key must keep and retract each copy.
                Parameter k = joinKey();
                Parameter x = t3Value();
                yield List.of(DmlStatement.of("INSERT INTO t3 VALUES (?, ?), (?, ?)", k, x, k, x));
            }
            case 1 -> List.of(DmlStatement.of("UPDATE t3 SET k = ? WHERE x = ?", joinKey(),
                    integer(random.nextInt(11))));
            case 2 -> List.of(DmlStatement.of("UPDATE t3 SET x = ? WHERE k = ? AND x > ?", t3Value(),
                    integer(random.nextInt(7)), integer(random.nextInt(10))));
            case 3 -> List.of(DmlStatement.of("UPDATE t3 SET x = NULL WHERE x < ?", integer(random.nextInt(3) - 2)));
            case 4 -> List.of(DmlStatement.of("DELETE FROM t3 WHERE k = ? AND x = ?", integer(random.nextInt(7)),
                    integer(random.nextInt(11))));
            case 5 -> {
                int low = random.nextInt(12) - 3;
                yield List.of(DmlStatement.of("DELETE FROM t3 WHERE x BETWEEN ? AND ?", integer(low),
                        integer(low + random.nextInt(2))));
            }
            default -> List.of(DmlStatement.of("DELETE FROM t3 WHERE k = ?", integer(random.nextInt(7))));
        };
    }

    private DmlStatement insertT1(int rows) {
        List<Parameter> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.addAll(t1Row(nextT1Id++));
        }
        return new DmlStatement("INSERT INTO t1 VALUES " + placeholders(rows, 6), values);
    }

    private DmlStatement insertT1Row(int id) {
        return new DmlStatement("INSERT INTO t1 VALUES " + placeholders(1, 6), t1Row(id));
    }

    private DmlStatement insertT2(int rows) {
        List<Parameter> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.addAll(t2Row(nextT2Id++));
        }
        return new DmlStatement("INSERT INTO t2 VALUES " + placeholders(rows, 4), values);
    }

    private DmlStatement insertT2Row(int id) {
        return new DmlStatement("INSERT INTO t2 VALUES " + placeholders(1, 4), t2Row(id));
    }

    private DmlStatement insertT3(int rows) {
        List<Parameter> values = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            values.add(joinKey());
            values.add(t3Value());
        }
        return new DmlStatement("INSERT INTO t3 VALUES " + placeholders(rows, 2), values);
    }

    private List<Parameter> t1Row(int id) {
        return List.of(integer(id), group(), t1Value(), string(), bool(), decimal());
    }

    private List<Parameter> t2Row(int id) {
        return List.of(integer(id), joinKey(), bigint(), name());
    }

    /** {@code (?, ?), (?, ?)} for two rows of two columns. */
    private static String placeholders(int rows, int columns) {
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        return String.join(", ", Collections.nCopies(rows, row));
    }

    /**
     * The given parameters followed by the two bounds of {@code id BETWEEN ? AND ?} over recent ids
     * (older ones are mostly deleted already).
     */
    private Parameter[] withIdRange(int nextId, int window, Parameter... leading) {
        Parameter[] parameters = Arrays.copyOf(leading, leading.length + 2);
        int low = Math.max(0, nextId - 2 * window) + random.nextInt(Math.min(nextId, 2 * window));
        parameters[leading.length] = integer(low);
        parameters[leading.length + 1] = integer(low + random.nextInt(6));
        return parameters;
    }

    private boolean isNull() {
        return random.nextInt(10) == 0;
    }

    private Parameter group() {
        return integer(isNull() ? null : random.nextInt(5));
    }

    private Parameter joinKey() {
        return integer(isNull() ? null : random.nextInt(7));
    }

    private Parameter t1Value() {
        return integer(isNull() ? null : random.nextInt(31) - 5);
    }

    private Parameter t3Value() {
        return integer(isNull() ? null : random.nextInt(14) - 3);
    }

    private Parameter string() {
        return Parameter.varchar(isNull() ? null : STRINGS[random.nextInt(STRINGS.length)]);
    }

    private Parameter name() {
        return Parameter.varchar(isNull() ? null : NAMES[random.nextInt(NAMES.length)]);
    }

    private Parameter bool() {
        if (random.nextInt(7) == 0) {
            return Parameter.bool(null);
        }
        return Parameter.bool(random.nextBoolean());
    }

    private Parameter decimal() {
        if (isNull()) {
            return Parameter.decimal(null);
        }
        return Parameter.decimal(BigDecimal.valueOf(random.nextInt(10001) - 5000, 2));
    }

    private Parameter bigint() {
        if (isNull()) {
            return Parameter.bigint(null);
        }
        if (random.nextBoolean()) {
            return Parameter.bigint((long) (random.nextInt(201) - 100));
        }
        // Past the int range, so that a sum kept as int would overflow and show.
        return Parameter.bigint(random.nextLong() % 5_000_000_000L);
    }

    private static Parameter integer(Integer value) {
        return Parameter.integer(value);
    }
}
