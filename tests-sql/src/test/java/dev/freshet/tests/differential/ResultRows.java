package dev.freshet.tests.differential;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A query result as a multiset of rows, normalized so that two engines' answers to the same query
 * compare equal when they mean the same thing.
 *
 * <p>Normal form of a value: SQL NULL is {@code null}; booleans stay {@link Boolean}; text stays
 * {@link String}; every number becomes a {@link BigDecimal}, whatever its Java type (pgjdbc answers
 * {@code sum(int)} with a {@code Long}, DuckDB with a {@code BigInteger}; {@code avg} is a
 * {@code numeric} on one side and a {@code double} on the other); anything else is compared by its
 * text. Row order is ignored, multiplicity is not.
 *
 * <p>Numbers are compared with a relative tolerance of 1e-12 ({@link #TOLERANCE}): enough to absorb
 * a double's rounding (about 1e-16) and Freshet's 16-significant-digit {@code avg}, far too little
 * to hide a wrong sum of cents (1e-2 on values well below 1e9). Rounding both sides to a fixed
 * number of places would not do: an exact {@code 0.0003125} and a double's {@code
 * 0.00031249999999999995} round apart.
 */
final class ResultRows {
    static final BigDecimal TOLERANCE = new BigDecimal("1e-12");
    /** Places kept in a number's hash key: rows that agree to this many places are paired first. */
    private static final int KEY_SCALE = 6;

    private final int columnCount;
    private final List<List<Object>> rows;

    private ResultRows(int columnCount, List<List<Object>> rows) {
        this.columnCount = columnCount;
        this.rows = rows;
    }

    /** Reads every row of the result set (does not close it). */
    static ResultRows read(ResultSet resultSet) throws SQLException {
        ResultSetMetaData metaData = resultSet.getMetaData();
        int columns = metaData.getColumnCount();
        List<List<Object>> rows = new ArrayList<>();
        while (resultSet.next()) {
            List<Object> row = new ArrayList<>(columns);
            for (int column = 1; column <= columns; column++) {
                row.add(normalize(resultSet.getObject(column)));
            }
            rows.add(Collections.unmodifiableList(row));
        }
        return new ResultRows(columns, rows);
    }

    /** Runs {@code select} and reads every row of its result. */
    static ResultRows query(Statement statement, String select) throws SQLException {
        try (ResultSet resultSet = statement.executeQuery(select)) {
            return read(resultSet);
        }
    }

    /** Rows given as Java values, normalized as a result set's would be. */
    static ResultRows of(int columnCount, List<List<Object>> rows) {
        List<List<Object>> normalized = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            if (row.size() != columnCount) {
                throw new IllegalArgumentException("row " + row + " does not have " + columnCount + " columns");
            }
            List<Object> values = new ArrayList<>(row.size());
            for (Object value : row) {
                values.add(normalize(value));
            }
            normalized.add(Collections.unmodifiableList(values));
        }
        return new ResultRows(columnCount, normalized);
    }

    int size() {
        return rows.size();
    }

    int columnCount() {
        return columnCount;
    }

    /** The rows in normal form, in a stable order (by their rendering). */
    List<List<Object>> sortedRows() {
        return sorted(rows);
    }

    /**
     * What this result lacks and what it has too much, compared with {@code expected}: rows are
     * paired first by their values rounded to six places, and the rows left over are then paired
     * within the tolerance, so the cost stays linear unless the results really differ.
     */
    Difference differenceFrom(ResultRows expected) {
        requireNonNull(expected, "expected is null");
        Map<List<String>, List<List<Object>>> unmatchedExpected = new HashMap<>();
        for (List<Object> row : expected.rows) {
            unmatchedExpected.computeIfAbsent(key(row), ignored -> new ArrayList<>()).add(row);
        }
        List<List<Object>> extra = new ArrayList<>();
        for (List<Object> row : rows) {
            List<List<Object>> candidates = unmatchedExpected.get(key(row));
            if (candidates != null && !candidates.isEmpty()) {
                candidates.remove(candidates.size() - 1);
            }
            else {
                extra.add(row);
            }
        }
        List<List<Object>> missing = new ArrayList<>();
        unmatchedExpected.values().forEach(missing::addAll);
        // Values next to a rounding boundary land in different keys; pair what is equal within the tolerance.
        for (Iterator<List<Object>> missingRows = missing.iterator(); missingRows.hasNext(); ) {
            List<Object> wanted = missingRows.next();
            for (Iterator<List<Object>> extraRows = extra.iterator(); extraRows.hasNext(); ) {
                if (rowsMatch(wanted, extraRows.next())) {
                    extraRows.remove();
                    missingRows.remove();
                    break;
                }
            }
        }
        return new Difference(expected.size(), size(), sorted(missing), sorted(extra));
    }

    static boolean rowsMatch(List<Object> left, List<Object> right) {
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!valuesMatch(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean valuesMatch(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        if (left instanceof BigDecimal leftNumber && right instanceof BigDecimal rightNumber) {
            BigDecimal scale = leftNumber.abs().max(rightNumber.abs()).max(BigDecimal.ONE);
            return leftNumber.subtract(rightNumber).abs().compareTo(scale.multiply(TOLERANCE)) <= 0;
        }
        return left.equals(right);
    }

    /** One row as SQL-ish text: {@code (1, 'a', NULL, true)}. */
    static String render(List<Object> row) {
        return row.stream().map(ResultRows::renderValue).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String renderValue(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        if (value instanceof BigDecimal number) {
            return number.stripTrailingZeros().toPlainString();
        }
        return value.toString();
    }

    private static List<String> key(List<Object> row) {
        List<String> key = new ArrayList<>(row.size());
        for (Object value : row) {
            if (value instanceof BigDecimal number) {
                key.add("n" + number.setScale(KEY_SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString());
            }
            else if (value instanceof String text) {
                key.add("s" + text);
            }
            else {
                key.add(String.valueOf(value));
            }
        }
        return key;
    }

    private static Object normalize(Object value) {
        if (value == null || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof BigDecimal number) {
            return number;
        }
        if (value instanceof BigInteger number) {
            return new BigDecimal(number);
        }
        if (value instanceof Double || value instanceof Float) {
            double number = ((Number) value).doubleValue();
            if (Double.isNaN(number) || Double.isInfinite(number)) {
                return Double.toString(number);
            }
            return BigDecimal.valueOf(number);
        }
        if (value instanceof Number number) {
            return BigDecimal.valueOf(number.longValue());
        }
        return value.toString();
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        List<List<Object>> copy = new ArrayList<>(rows);
        copy.sort(Comparator.comparing(ResultRows::render));
        return List.copyOf(copy);
    }

    /**
     * The rows a result lacks ({@code missing}: expected but absent, counting multiplicity) and the
     * rows it has too much ({@code extra}).
     */
    record Difference(int expectedSize, int actualSize, List<List<Object>> missing, List<List<Object>> extra) {
        Difference {
            missing = List.copyOf(missing);
            extra = List.copyOf(extra);
        }

        boolean isEmpty() {
            return missing.isEmpty() && extra.isEmpty();
        }

        /** The difference as lines of text, at most {@code limit} rows of each kind. */
        String describe(int limit) {
            StringBuilder text = new StringBuilder();
            text.append(String.format("expected %d rows, got %d; %d missing, %d extra", expectedSize, actualSize,
                    missing.size(), extra.size()));
            appendRows(text, "missing (expected, not returned)", missing, limit);
            appendRows(text, "extra (returned, not expected)", extra, limit);
            return text.toString();
        }

        private static void appendRows(StringBuilder text, String title, List<List<Object>> rows, int limit) {
            if (rows.isEmpty()) {
                return;
            }
            text.append('\n').append("  ").append(title).append(':');
            rows.stream().limit(limit).forEach(row -> text.append("\n    ").append(render(row)));
            if (rows.size() > limit) {
                text.append("\n    ... and ").append(rows.size() - limit).append(" more");
            }
        }
    }
}
