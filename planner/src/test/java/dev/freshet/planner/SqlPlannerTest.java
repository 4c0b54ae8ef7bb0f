package dev.freshet.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.FreshetSqlParser;

class SqlPlannerTest {
    private static final SqlParser.Config PARSER = FreshetSqlParser.config();

    private static final TableDescriptor USERS = new TableDescriptor(7, "users", List.of(
            new ColumnDescriptor("id", DataType.of(DataType.Kind.INTEGER), false, null),
            new ColumnDescriptor("name", DataType.of(DataType.Kind.VARCHAR), true, null),
            new ColumnDescriptor("city", DataType.of(DataType.Kind.VARCHAR), true, "'Bend'")),
            List.of(0), null, "CREATE TABLE users (...)");

    private static final TableDescriptor BIDS = new TableDescriptor(8, "bids", List.of(
            new ColumnDescriptor("auction", DataType.of(DataType.Kind.BIGINT), true, null),
            new ColumnDescriptor("price", DataType.of(DataType.Kind.BIGINT), true, null),
            new ColumnDescriptor("date_time", DataType.of(DataType.Kind.TIMESTAMP), true, null)),
            List.of(), null, "CREATE TABLE bids (...)");

    /** A view stored with the grouped-window form, as views stored before its rewrite existed are. */
    private static final ViewDescriptor BIDS_PER_WINDOW = new ViewDescriptor(9, "bids_per_window", List.of(
            new ColumnDescriptor("ws", DataType.of(DataType.Kind.TIMESTAMP), false, null),
            new ColumnDescriptor("n", DataType.of(DataType.Kind.BIGINT), false, null)),
            "SELECT TUMBLE_START(date_time, INTERVAL '10' SECOND) AS ws, COUNT(*) AS n FROM bids "
                    + "GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND)",
            List.of(8L), "CREATE VIEW bids_per_window ...");

    private final InMemoryTableReader reader = new InMemoryTableReader()
            .add("users", 1, "ann", "Boise")
            .add("users", 2, "bob", "Bend")
            .add("users", 3, "cy", null)
            .add("bids", 1L, 10L, 1_000L)
            .add("bids", 1L, 20L, 12_000L)
            .add("bids", 2L, 30L, 15_000L)
            .add("bids", 1L, 40L, 27_000L);

    private static SqlPlanner planner() {
        Catalog catalog = Catalog.empty().with(USERS).with(BIDS).with(BIDS_PER_WINDOW);
        return new SqlPlanner(new PlannerSession(catalog, PARSER, List.of(),
                TimeZone.getTimeZone("UTC"), "freshet", "freshet"));
    }

    private static SqlNode parse(String sql) {
        return new FreshetSqlParser().parseStatement(sql);
    }

    private List<Object[]> run(BatchQuery query, Object... parameters) {
        return query.execute(reader, List.of(parameters), TimeZone.getTimeZone("UTC"), "freshet",
                new AtomicBoolean()).toList();
    }

    @Test
    void shouldRunQueryOverStoredTable() throws Exception {
        String sql = "SELECT name, UPPER(city) AS c FROM users WHERE id >= 2 ORDER BY id DESC";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(query.rowType().getFieldNames()).containsExactly("name", "c");
        assertThat(run(query)).containsExactly(new Object[] {"cy", null}, new Object[] {"bob", "BEND"});
    }

    @Test
    void shouldPushPrimaryKeyEqualityIntoScanAsPrefix() throws Exception {
        String sql = "SELECT name FROM users WHERE id = 2";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {"bob"});
        assertThat(reader.requestedRanges).containsExactly(new KeyRange(List.of(2), null, null));
    }

    @Test
    void shouldPushParameterRangeIntoScan() throws Exception {
        String sql = "SELECT count(*) FROM users WHERE id > $1";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of(DataType.of(DataType.Kind.INTEGER)));

        assertThat(query.parameterTypes()).hasSize(1);
        assertThat(run(query, 1)).containsExactly(new Object[] {2L});
        assertThat(reader.requestedRanges).containsExactly(
                new KeyRange(List.of(), new KeyRange.Bound(1, false), null));
    }

    @Test
    void shouldReportUnknownTableAsUndefinedTableWithPosition() throws Exception {
        String sql = "SELECT *\nFROM nope";

        assertThatThrownBy(() -> planner().planQuery(parse(sql), sql, List.of()))
                .isInstanceOfSatisfying(FreshetException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_TABLE);
                    assertThat(e.getMessage()).isEqualTo("relation \"nope\" does not exist");
                    assertThat(e.position()).isEqualTo(15);
                });
    }

    @Test
    void shouldReportUnknownColumnAsUndefinedColumn() throws Exception {
        String sql = "SELECT nope FROM users";

        assertThatThrownBy(() -> planner().planQuery(parse(sql), sql, List.of()))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.UNDEFINED_COLUMN));
    }

    @Test
    void shouldPlanInsertWithDefaultsAndCasts() throws Exception {
        String sql = "INSERT INTO users (id, name) VALUES (4, 'dee')";
        BatchModify modify = planner().planModify(parse(sql), sql, List.of());

        assertThat(modify.operation()).isEqualTo(BatchModify.Operation.INSERT);
        assertThat(run(modify.source())).containsExactly(new Object[] {4, "dee", "Bend"});
    }

    @Test
    void shouldPlanUpdateAsOldRowFollowedByNewValues() throws Exception {
        String sql = "UPDATE users SET city = 'Kent' WHERE name = 'ann'";
        BatchModify modify = planner().planModify(parse(sql), sql, List.of());

        assertThat(modify.updatedColumns()).containsExactly(2);
        assertThat(run(modify.source())).containsExactly(new Object[] {1, "ann", "Boise", "Kent"});
    }

    @Test
    void shouldResolvePostgresTypeNamesInCasts() {
        String sql = "SELECT id::int8 AS big, name::text AS t, CAST('1.5' AS float8) AS f FROM users WHERE id = 1";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {1L, "ann", 1.5d});
    }

    @Test
    void shouldCompareUnicodeText() {
        String sql = "SELECT 'żółw ☃' AS t, E'caf\\u00e9' = 'café' AS same";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {"żółw ☃", true});
    }

    @Test
    void shouldNameUnaliasedColumnsAsPostgresDoes() {
        String sql = "SELECT count(*), upper(name), id::text, 1 + 1, CASE WHEN id > 1 THEN 'x' END, '7'::int, name "
                + "FROM users GROUP BY name, id";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(query.rowType().getFieldNames())
                .containsExactly("count", "upper", "id", "?column?", "case", "int4", "name");
    }

    @Test
    void shouldAverageIntegersAsNumericAndWidenSums() {
        String sql = "SELECT avg(id) AS a, sum(id) AS s FROM users";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {new java.math.BigDecimal("2.0000000000000000"), 6L});
    }

    @Test
    void shouldCastTextAsPostgresDoes() {
        String sql = "SELECT CAST('2024-01-02 03:04:05+02' AS TIMESTAMPTZ) AS tz, CAST('1 day 02:00:00' AS INTERVAL) AS i, "
                + "CAST('\\x0102' AS BYTEA) AS b, CAST('yes' AS BOOLEAN) AS y, CAST(true AS TEXT) AS t, "
                + "CAST(2.5 AS INT) AS up, CAST(-2.5 AS INT) AS down";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {1704157445000L, 93_600_000L,
                new org.apache.calcite.avatica.util.ByteString(new byte[] {1, 2}), true, "true", 3, -3});
    }

    @Test
    void shouldReportBadTextInCastAsInvalidInput() {
        String sql = "SELECT CAST('maybe' AS BOOLEAN)";

        assertThatThrownBy(() -> run(planner().planQuery(parse(sql), sql, List.of())))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TEXT_REPRESENTATION));
    }

    @Test
    void shouldFormatTimestampsWithToChar() {
        String sql = "SELECT to_char(TIMESTAMP '2024-01-02 03:04:05', 'YYYY-MM-DD HH24:MI') AS t";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactly(new Object[] {"2024-01-02 03:04"});
    }

    @Test
    void shouldReportImpossibleDateAsFieldOutOfRange() {
        String sql = "SELECT CAST('2024-02-30' AS DATE)";

        assertThatThrownBy(() -> run(planner().planQuery(parse(sql), sql, List.of())))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.DATETIME_FIELD_OVERFLOW));
    }

    @Test
    void shouldPlanDeleteAsOldRows() throws Exception {
        String sql = "DELETE FROM users WHERE city IS NULL";
        BatchModify modify = planner().planModify(parse(sql), sql, List.of());

        assertThat(run(modify.source())).containsExactly(new Object[] {3, "cy", null});
    }

    @Test
    void shouldRunGroupedTumbleAsItsWindowTableFunction() {
        String grouped = "SELECT auction, TUMBLE_START(date_time, INTERVAL '10' SECOND), "
                + "TUMBLE_END(date_time, INTERVAL '10' SECOND) AS we, COUNT(*) FROM bids "
                + "GROUP BY auction, TUMBLE(date_time, INTERVAL '10' SECOND)";
        String table = "SELECT auction, window_start, window_end, COUNT(*) "
                + "FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND)) "
                + "GROUP BY auction, window_start, window_end";
        BatchQuery query = planner().planQuery(parse(grouped), grouped, List.of());

        assertThat(query.rowType().getFieldNames()).containsExactly("auction", "tumble_start", "we", "count");
        assertThat(run(query)).containsExactlyInAnyOrderElementsOf(
                run(planner().planQuery(parse(table), table, List.of())));
        assertThat(run(query)).containsExactlyInAnyOrder(new Object[] {1L, 0L, 10_000L, 1L},
                new Object[] {1L, 10_000L, 20_000L, 1L}, new Object[] {2L, 10_000L, 20_000L, 1L},
                new Object[] {1L, 20_000L, 30_000L, 1L});
    }

    @Test
    void shouldRunGroupedHopAsItsWindowTableFunction() {
        String grouped = "SELECT HOP_START(b.date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND) AS ws, "
                + "SUM(price) AS total FROM bids b WHERE b.price < 40 "
                + "GROUP BY HOP(b.date_time, INTERVAL '5' SECOND, INTERVAL '10' SECOND)";
        String table = "SELECT window_start AS ws, SUM(price) AS total FROM TABLE(HOP((SELECT * FROM bids "
                + "WHERE price < 40), DESCRIPTOR(date_time), INTERVAL '5' SECOND, INTERVAL '10' SECOND)) "
                + "GROUP BY window_start, window_end";
        BatchQuery query = planner().planQuery(parse(grouped), grouped, List.of());

        assertThat(run(query)).containsExactlyInAnyOrderElementsOf(
                run(planner().planQuery(parse(table), table, List.of())));
        assertThat(run(query)).containsExactlyInAnyOrder(new Object[] {-5_000L, 10L}, new Object[] {0L, 10L},
                new Object[] {5_000L, 20L}, new Object[] {10_000L, 50L}, new Object[] {15_000L, 30L});
    }

    @Test
    void shouldDescribeUnaliasedWindowBoundsByTheirFunctionNames() {
        String sql = "SELECT TUMBLE_START(date_time, INTERVAL '10' SECOND), "
                + "TUMBLE_END(date_time, INTERVAL '10' SECOND) FROM bids GROUP BY TUMBLE(date_time, INTERVAL '10' SECOND)";
        QueryDescription description = planner().describeQuery(parse(sql), sql);

        assertThat(description.columns()).extracting(ColumnDescriptor::name)
                .containsExactly("tumble_start", "tumble_end");
    }

    @Test
    void shouldExpandViewStoredWithGroupedWindow() {
        String sql = "SELECT ws, n FROM bids_per_window";
        BatchQuery query = planner().planQuery(parse(sql), sql, List.of());

        assertThat(run(query)).containsExactlyInAnyOrder(new Object[] {0L, 1L}, new Object[] {10_000L, 2L},
                new Object[] {20_000L, 1L});
    }
}
