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

    private final InMemoryTableReader reader = new InMemoryTableReader()
            .add("users", 1, "ann", "Boise")
            .add("users", 2, "bob", "Bend")
            .add("users", 3, "cy", null);

    private static SqlPlanner planner() {
        return new SqlPlanner(new PlannerSession(Catalog.empty().with(USERS), PARSER, List.of(),
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
}
