package dev.freshet.server.pgwire;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A hand-written in-memory backend for protocol tests. It understands a handful of statements:
 * <ul>
 *   <li>{@code select 42}: one int4 column {@code ?column?}</li>
 *   <li>{@code select $1, $2 …}: echoes the parameters, typed as declared (text when unspecified)</li>
 *   <li>{@code select * from series(N)}: N rows of (n int8, label text)</li>
 *   <li>{@code select * from types}: one row holding a value of most types</li>
 *   <li>{@code select boom}: fails with 42703 at position 8</li>
 *   <li>{@code select pg_sleep(…)}: runs until cancelled, then fails with 57014</li>
 *   <li>{@code set timezone to 'Z'}, {@code begin}, {@code commit}, {@code rollback},
 *       {@code notice} (raises a notice), {@code create table …}, {@code insert …}</li>
 * </ul>
 * Anything else is a syntax error at position 1.
 */
final class FakePgBackend implements PgBackend {
    private static final Pattern SERIES = Pattern.compile("select \\* from series\\((\\d+)\\)");
    private static final Pattern PARAMETER = Pattern.compile("\\$(\\d+)");
    private static final Pattern SET_TIME_ZONE = Pattern.compile("set time ?zone (?:to |= ?)?'([^']*)'");

    final AtomicInteger openSessions = new AtomicInteger();
    final AtomicInteger closedSessions = new AtomicInteger();
    final AtomicInteger closedPortals = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    final AtomicInteger fetches = new AtomicInteger();
    volatile StartupParameters lastStartup;

    @Override
    public PgSession openSession(StartupParameters startup) {
        if (startup.database().equals("missing")) {
            throw new FreshetException(ErrorCode.INVALID_CATALOG_NAME, "database \"missing\" does not exist");
        }
        lastStartup = startup;
        openSessions.incrementAndGet();
        return new FakeSession(startup);
    }

    private final class FakeSession implements PgSession {
        private final StartupParameters startup;
        private final Map<String, String> parameterChanges = new LinkedHashMap<>();
        private final List<PgNotice> notices = new ArrayList<>();
        private TransactionState transactionState = TransactionState.IDLE;
        private volatile boolean cancelled;

        FakeSession(StartupParameters startup) {
            this.startup = startup;
        }

        @Override
        public Map<String, String> initialParameterStatus() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("server_version", "16.0");
            parameters.put("server_encoding", "UTF8");
            parameters.put("client_encoding", "UTF8");
            parameters.put("DateStyle", "ISO, MDY");
            parameters.put("TimeZone", "UTC");
            parameters.put("integer_datetimes", "on");
            parameters.put("standard_conforming_strings", "on");
            parameters.put("IntervalStyle", "postgres");
            parameters.put("application_name", startup.parameters().getOrDefault("application_name", ""));
            parameters.put("is_superuser", "on");
            parameters.put("session_authorization", startup.user());
            return parameters;
        }

        @Override
        public List<StatementText> splitStatements(String sql) {
            List<StatementText> statements = new ArrayList<>();
            boolean quoted = false;
            int start = 0;
            for (int i = 0; i <= sql.length(); i++) {
                if (i < sql.length() && sql.charAt(i) == '\'') {
                    quoted = !quoted;
                }
                if (i == sql.length() || (!quoted && sql.charAt(i) == ';')) {
                    String piece = sql.substring(start, i);
                    String stripped = piece.strip();
                    if (!stripped.isEmpty()) {
                        statements.add(new StatementText(stripped, start + piece.indexOf(stripped)));
                    }
                    start = i + 1;
                }
            }
            if (quoted) {
                throw new FreshetException(ErrorCode.SYNTAX_ERROR, "unterminated quoted string").withPosition(1);
            }
            return statements;
        }

        @Override
        public PgStatement prepare(String sql, List<PgType> parameterTypes) {
            String text = sql.strip().toLowerCase(Locale.ROOT);
            if (transactionState == TransactionState.FAILED && !text.equals("rollback")) {
                throw new FreshetException(ErrorCode.IN_FAILED_SQL_TRANSACTION,
                        "current transaction is aborted, commands ignored until end of transaction block");
            }
            if (text.equals("select boom")) {
                failTransaction();
                throw new FreshetException(ErrorCode.UNDEFINED_COLUMN, "column \"boom\" does not exist")
                        .withPosition(8);
            }
            Matcher series = SERIES.matcher(text);
            if (series.matches()) {
                int count = Integer.parseInt(series.group(1));
                return new FakeStatement(List.of(), List.of(PgColumn.of("n", PgType.INT8),
                        PgColumn.of("label", PgType.TEXT)), parameters -> {
                            List<Object[]> rows = new ArrayList<>(count);
                            for (long i = 1; i <= count; i++) {
                                rows.add(new Object[] {i, "row " + i});
                            }
                            return rows;
                        }, "SELECT");
            }
            if (text.equals("select * from types")) {
                return typesStatement();
            }
            if (text.startsWith("select pg_sleep")) {
                return new FakeStatement(List.of(), List.of(PgColumn.of("pg_sleep", PgType.TEXT)), parameters -> {
                    cancelled = false;
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (!cancelled && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                        sleep();
                    }
                    throw new FreshetException(ErrorCode.QUERY_CANCELED, "canceling statement due to user request");
                }, "SELECT");
            }
            if (text.matches("select -?\\d+")) {
                int value = Integer.parseInt(text.substring(7));
                return new FakeStatement(List.of(), List.of(PgColumn.of("?column?", PgType.INT4)),
                        parameters -> List.<Object[]>of(new Object[] {value}), "SELECT");
            }
            if (text.startsWith("select $")) {
                int count = 0;
                Matcher matcher = PARAMETER.matcher(text);
                while (matcher.find()) {
                    count = Math.max(count, Integer.parseInt(matcher.group(1)));
                }
                List<PgType> types = new ArrayList<>();
                List<PgColumn> columns = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    PgType type = i < parameterTypes.size() ? parameterTypes.get(i) : PgType.UNSPECIFIED;
                    if (type == PgType.UNSPECIFIED || type == PgType.UNKNOWN) {
                        type = PgType.TEXT;
                    }
                    types.add(type);
                    columns.add(PgColumn.of("?column?", type));
                }
                return new FakeStatement(types, columns,
                        parameters -> List.<Object[]>of(parameters.toArray()), "SELECT");
            }
            Matcher setTimeZone = SET_TIME_ZONE.matcher(text);
            if (setTimeZone.matches()) {
                String zone = sql.strip().substring(setTimeZone.start(1), setTimeZone.end(1));
                return command("SET", () -> parameterChanges.put("TimeZone", zone));
            }
            switch (text) {
                case "begin":
                    return command("BEGIN", () -> transactionState = TransactionState.IN_TRANSACTION);
                case "commit":
                    return command("COMMIT", () -> transactionState = TransactionState.IDLE);
                case "rollback":
                    return command("ROLLBACK", () -> transactionState = TransactionState.IDLE);
                case "notice":
                    return command("DO", () -> notices.add(PgNotice.notice("table \"t\" does not exist, skipping")));
                default:
                    break;
            }
            if (text.startsWith("set ")) {
                return command("SET", () -> { });
            }
            if (text.startsWith("create table")) {
                return command("CREATE TABLE", () -> { });
            }
            if (text.startsWith("insert")) {
                return command("INSERT 0 1", () -> { });
            }
            failTransaction();
            throw new FreshetException(ErrorCode.SYNTAX_ERROR, "syntax error at or near \"" + text.split("\\s+")[0]
                    + "\"").withPosition(1);
        }

        private void failTransaction() {
            if (transactionState == TransactionState.IN_TRANSACTION) {
                transactionState = TransactionState.FAILED;
            }
        }

        private PgStatement command(String tag, Runnable action) {
            return new FakeStatement(List.of(), List.of(), parameters -> {
                action.run();
                return List.of();
            }, tag);
        }

        private PgStatement typesStatement() {
            List<PgColumn> columns = List.of(
                    PgColumn.of("b", PgType.BOOL), PgColumn.of("i2", PgType.INT2), PgColumn.of("i4", PgType.INT4),
                    PgColumn.of("i8", PgType.INT8), PgColumn.of("f4", PgType.FLOAT4),
                    PgColumn.of("f8", PgType.FLOAT8), PgColumn.of("num", PgType.NUMERIC),
                    PgColumn.of("t", PgType.TEXT), PgColumn.of("bytes", PgType.BYTEA),
                    PgColumn.of("d", PgType.DATE), PgColumn.of("tm", PgType.TIME),
                    PgColumn.of("ts", PgType.TIMESTAMP), PgColumn.of("tstz", PgType.TIMESTAMPTZ),
                    PgColumn.of("iv", PgType.INTERVAL), PgColumn.of("ints", PgType.INT4_ARRAY),
                    PgColumn.of("texts", PgType.TEXT_ARRAY), PgColumn.of("nothing", PgType.TEXT));
            Object[] row = {true, (short) 1, 2, 3L, 1.5f, 1e20, new BigDecimal("123.4500"), "a b",
                new byte[] {1, 2, (byte) 0xff}, LocalDate.of(2024, 1, 2), LocalTime.of(3, 4, 5, 123_456_000),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 500_000_000),
                OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.UTC),
                new PgInterval(14, 3, 14_706_500_000L), Arrays.asList(1, 2, null),
                Arrays.asList("a b", null, "c"), null};
            return new FakeStatement(List.of(), columns, parameters -> List.<Object[]>of(row), "SELECT");
        }

        private void sleep() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancelled = true;
            }
        }

        @Override
        public TransactionState transactionState() {
            return transactionState;
        }

        @Override
        public Map<String, String> drainParameterChanges() {
            Map<String, String> changes = Map.copyOf(parameterChanges);
            parameterChanges.clear();
            return changes;
        }

        @Override
        public List<PgNotice> drainNotices() {
            List<PgNotice> drained = List.copyOf(notices);
            notices.clear();
            return drained;
        }

        @Override
        public void cancel() {
            cancels.incrementAndGet();
            cancelled = true;
        }

        @Override
        public void close() {
            closedSessions.incrementAndGet();
        }
    }

    /** Produces a statement's rows from its parameter values when first fetched. */
    private interface RowSource {
        List<Object[]> rows(List<Object> parameters);
    }

    private final class FakeStatement implements PgStatement {
        private final List<PgType> parameterTypes;
        private final List<PgColumn> columns;
        private final RowSource source;
        private final String tag;

        FakeStatement(List<PgType> parameterTypes, List<PgColumn> columns, RowSource source, String tag) {
            this.parameterTypes = parameterTypes;
            this.columns = columns;
            this.source = source;
            this.tag = tag;
        }

        @Override
        public List<PgType> parameterTypes() {
            return parameterTypes;
        }

        @Override
        public List<PgColumn> columns() {
            return columns;
        }

        @Override
        public PgPortal bind(List<Object> parameters) {
            return new FakePortal(this, new ArrayList<>(parameters));
        }
    }

    private final class FakePortal implements PgPortal {
        private final FakeStatement statement;
        private final List<Object> parameters;
        private List<Object[]> rows;
        private int position;

        FakePortal(FakeStatement statement, List<Object> parameters) {
            this.statement = statement;
            this.parameters = parameters;
        }

        @Override
        public List<PgColumn> columns() {
            return statement.columns;
        }

        @Override
        public PgResult fetch(int maxRows) {
            fetches.incrementAndGet();
            if (rows == null) {
                rows = statement.source.rows(parameters);
            }
            int end = maxRows <= 0 ? rows.size() : Math.min(rows.size(), position + maxRows);
            List<Object[]> batch = rows.subList(position, end);
            position = end;
            boolean complete = position == rows.size();
            String tag = statement.columns.isEmpty() ? statement.tag : statement.tag + " " + rows.size();
            return new PgResult(batch, complete, tag);
        }

        @Override
        public void close() {
            closedPortals.incrementAndGet();
        }
    }
}
