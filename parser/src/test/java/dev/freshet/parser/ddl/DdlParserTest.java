package dev.freshet.parser.ddl;

import static dev.freshet.parser.RoundTripAssertions.assertRoundTrips;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.parser.FreshetSqlParser;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class DdlParserTest {
    private final FreshetSqlParser parser = new FreshetSqlParser();

    @Test
    void shouldParseCreateTableWithInlinePrimaryKey() {
        SqlCreateTable table = (SqlCreateTable) assertRoundTrips(
                "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR NOT NULL, city TEXT DEFAULT 'x')");
        assertThat(table.name().getSimple()).isEqualTo("users");
        assertThat(table.ifNotExists()).isFalse();
        assertThat(table.columns()).extracting(SqlColumnDeclaration::simpleName).containsExactly("id", "name", "city");
        assertThat(table.columns().get(0).nullable()).isFalse();
        assertThat(table.columns().get(1).nullable()).isFalse();
        assertThat(table.columns().get(2).nullable()).isTrue();
        assertThat(table.columns().get(2).defaultValue()).hasToString("'x'");
        assertThat(table.primaryKey()).containsExactly("id");
        assertThat(table.watermark()).isNull();
    }

    @Test
    void shouldParseCreateTableWithTableLevelKeyWatermarkAndOptions() {
        SqlCreateTable table = (SqlCreateTable) assertRoundTrips(
                "CREATE TABLE IF NOT EXISTS bids (auction BIGINT, bidder BIGINT, price BIGINT, date_time TIMESTAMP,"
                        + " PRIMARY KEY (auction, bidder),"
                        + " WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND WITH (idle_timeout = '30 s'))"
                        + " WITH (retention = 10)");
        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.primaryKey()).containsExactly("auction", "bidder");
        SqlWatermark watermark = table.watermark();
        assertThat(watermark).isNotNull();
        assertThat(watermark.column().getSimple()).isEqualTo("date_time");
        assertThat(watermark.expression().getKind()).isEqualTo(SqlKind.MINUS);
        assertThat(SqlOption.toMap(watermark.options())).containsExactly(Map.entry("idle_timeout", "30 s"));
        assertThat(table.optionMap()).containsExactly(Map.entry("retention", "10"));
    }

    @Test
    void shouldRejectTwoPrimaryKeys() {
        assertThatThrownBy(() -> parser.parseStatement("CREATE TABLE t (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_TABLE_DEFINITION));
    }

    @Test
    void shouldParsePostgresColumnTypes() {
        SqlCreateTable table = (SqlCreateTable) assertRoundTrips("CREATE TABLE t (a TEXT, b TIMESTAMPTZ,"
                + " c TIMESTAMP WITH TIME ZONE, d DOUBLE PRECISION, e INT8, f BYTEA, g INTERVAL, h NUMERIC(10, 2),"
                + " i CHARACTER VARYING, j BOOL, k DECIMAL, \"Quoted\" INT)");
        // The planner sees Calcite's type; unparsing keeps PostgreSQL's spelling.
        assertThat(table.columns().get(0).type().getTypeName().getSimple()).isEqualTo("VARCHAR");
        assertThat(FreshetSqlParser.unparse(table)).contains("\"a\" TEXT", "\"b\" TIMESTAMPTZ", "\"e\" INT8");
        assertThat(table.columns().get(2).type().getTypeNameSpec().getTypeName().getSimple())
                .isEqualTo(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE.name());
        assertThat(table.columns().get(6).type().getTypeName().getSimple()).isEqualTo("interval");
        assertThat(table.columns().get(11).simpleName()).isEqualTo("Quoted");
    }

    @Test
    void shouldParseCreateSourceWithQuotedOptionKeys() {
        SqlCreateSource source = (SqlCreateSource) assertRoundTrips(
                "CREATE SOURCE bid_src (auction BIGINT, date_time TIMESTAMP,"
                        + " WATERMARK FOR date_time AS date_time - INTERVAL '4' SECOND)"
                        + " WITH (connector = 'kafka', topic = 'bids',"
                        + " \"properties.bootstrap.servers\" = '127.0.0.1:9092', 'scan.startup.mode' = 'earliest',"
                        + " format = 'json', \"nexmark.events\" = 1000000, flag = true)");
        assertThat(source.columns()).hasSize(2);
        assertThat(source.watermark()).isNotNull();
        assertThat(source.optionMap()).containsExactly(
                Map.entry("connector", "kafka"),
                Map.entry("topic", "bids"),
                Map.entry("properties.bootstrap.servers", "127.0.0.1:9092"),
                Map.entry("scan.startup.mode", "earliest"),
                Map.entry("format", "json"),
                Map.entry("nexmark.events", "1000000"),
                Map.entry("flag", "true"));
    }

    @Test
    void shouldParseCreateSourceWithoutColumns() {
        SqlCreateSource source = (SqlCreateSource) assertRoundTrips(
                "CREATE SOURCE IF NOT EXISTS bid WITH (connector = 'nexmark', \"nexmark.table\" = 'bid')");
        assertThat(source.columns()).isEmpty();
        assertThat(source.ifNotExists()).isTrue();
        assertThat(source.optionMap()).containsEntry("nexmark.table", "bid");
    }

    @Test
    void shouldParseCreateSinkFromObject() {
        SqlCreateSink sink = (SqlCreateSink) assertRoundTrips(
                "CREATE SINK s1 FROM mv WITH (connector = 'kafka', type = 'upsert')");
        assertThat(sink.from().getSimple()).isEqualTo("mv");
        assertThat(sink.query()).isNull();
        assertThat(sink.optionMap()).containsEntry("type", "upsert");
    }

    @Test
    void shouldParseCreateSinkAsQuery() {
        SqlCreateSink sink = (SqlCreateSink) assertRoundTrips(
                "CREATE SINK IF NOT EXISTS s1 AS SELECT a FROM t WHERE a > 1 WITH (connector = 'kafka')");
        assertThat(sink.from()).isNull();
        assertThat(sink.query()).isInstanceOf(SqlSelect.class);
        assertThat(sink.ifNotExists()).isTrue();
    }

    @Test
    void shouldParseCreateMaterializedViewWithEmitOnWindowClose() {
        SqlCreateMaterializedView view = (SqlCreateMaterializedView) assertRoundTrips(
                "CREATE MATERIALIZED VIEW IF NOT EXISTS mv (s, e, n) AS SELECT window_start, window_end, COUNT(*)"
                        + " FROM TABLE(TUMBLE(TABLE bids, DESCRIPTOR(date_time), INTERVAL '10' SECOND))"
                        + " GROUP BY window_start, window_end EMIT ON WINDOW CLOSE");
        assertThat(view.ifNotExists()).isTrue();
        assertThat(view.columnNames()).containsExactly("s", "e", "n");
        assertThat(view.emitOnWindowClose()).isTrue();
    }

    @Test
    void shouldParseCreateMaterializedViewWithoutEmit() {
        SqlCreateMaterializedView view = (SqlCreateMaterializedView) assertRoundTrips(
                "CREATE MATERIALIZED VIEW mv AS SELECT city, COUNT(*) AS n FROM users GROUP BY city");
        assertThat(view.emitOnWindowClose()).isFalse();
        assertThat(view.columnNames()).isEmpty();
    }

    @Test
    void shouldParseCreateOrReplaceView() {
        SqlCreateView view = (SqlCreateView) assertRoundTrips("CREATE OR REPLACE VIEW v (x) AS SELECT a FROM t");
        assertThat(view.orReplace()).isTrue();
        assertThat(view.columnNames()).containsExactly("x");
        SqlCreateView plain = (SqlCreateView) assertRoundTrips("CREATE VIEW v AS SELECT a FROM t");
        assertThat(plain.orReplace()).isFalse();
    }

    @Test
    void shouldRejectCreateOrReplaceTable() {
        assertThatThrownBy(() -> parser.parseStatement("CREATE OR REPLACE TABLE t (a INT)"))
                .isInstanceOfSatisfying(FreshetException.class,
                        e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED));
    }

    @Test
    void shouldParseDropOfEveryKind() {
        SqlDropObject drop = (SqlDropObject) assertRoundTrips("DROP MATERIALIZED VIEW IF EXISTS a, b CASCADE");
        assertThat(drop.objectKind()).isEqualTo(ObjectKind.MATERIALIZED_VIEW);
        assertThat(drop.ifExists()).isTrue();
        assertThat(drop.names()).extracting(n -> n.getSimple()).containsExactly("a", "b");
        assertThat(drop.cascade()).isTrue();
        for (String kind : List.of("TABLE", "SOURCE", "VIEW", "SINK")) {
            SqlDropObject simple = (SqlDropObject) assertRoundTrips("DROP " + kind + " x RESTRICT");
            assertThat(simple.objectKind().sql()).isEqualTo(kind);
            assertThat(simple.cascade()).isFalse();
            assertThat(simple.ifExists()).isFalse();
        }
    }

    @Test
    void shouldParseShowObjectLists() {
        assertThat(((SqlShowObjects) assertRoundTrips("SHOW TABLES")).objectKind()).isEqualTo(ObjectKind.TABLE);
        assertThat(((SqlShowObjects) assertRoundTrips("SHOW SOURCES")).objectKind()).isEqualTo(ObjectKind.SOURCE);
        assertThat(((SqlShowObjects) assertRoundTrips("SHOW MATERIALIZED VIEWS")).objectKind())
                .isEqualTo(ObjectKind.MATERIALIZED_VIEW);
        assertThat(((SqlShowObjects) assertRoundTrips("SHOW SINKS")).objectKind()).isEqualTo(ObjectKind.SINK);
        assertThat(((SqlShowObjects) assertRoundTrips("show views")).objectKind()).isEqualTo(ObjectKind.VIEW);
    }

    @Test
    void shouldParseShowCreate() {
        SqlShowCreate show = (SqlShowCreate) assertRoundTrips("SHOW CREATE MATERIALIZED VIEW s.mv");
        assertThat(show.objectKind()).isEqualTo(ObjectKind.MATERIALIZED_VIEW);
        assertThat(show.name().names).containsExactly("s", "mv");
    }

    @Test
    void shouldParseShowParameters() {
        assertThat(((SqlShowParameter) assertRoundTrips("SHOW search_path")).name()).isEqualTo("search_path");
        assertThat(((SqlShowParameter) assertRoundTrips("SHOW TIME ZONE")).name()).isEqualTo("timezone");
        assertThat(((SqlShowParameter) assertRoundTrips("SHOW transaction isolation level")).name())
                .isEqualTo("transaction_isolation");
        assertThat(((SqlShowParameter) assertRoundTrips("SHOW ALL")).isAll()).isTrue();
        assertThat(((SqlShowParameter) assertRoundTrips("SHOW Server_Version")).name()).isEqualTo("server_version");
    }

    @Test
    void shouldParseSetParameter() {
        SqlSetParameter set = (SqlSetParameter) assertRoundTrips("SET search_path TO public, \"My Schema\"");
        assertThat(set.name()).isEqualTo("search_path");
        assertThat(set.values()).extracting(Object::toString).containsExactly("public", "My Schema");
        assertThat(set.local()).isFalse();
        SqlSetParameter local = (SqlSetParameter) assertRoundTrips("SET LOCAL extra_float_digits = 3");
        assertThat(local.local()).isTrue();
        assertThat(local.values().get(0)).hasToString("3");
        SqlSetParameter session = (SqlSetParameter) assertRoundTrips("SET SESSION application_name = 'psql'");
        assertThat(session.values().get(0)).hasToString("'psql'");
        assertThat(((SqlSetParameter) assertRoundTrips("SET statement_timeout = DEFAULT")).isDefault()).isTrue();
        assertThat(((SqlSetParameter) assertRoundTrips("SET enable_x = on")).values().get(0)).hasToString("'on'");
    }

    @Test
    void shouldParseSetTimeZone() {
        SqlSetParameter set = (SqlSetParameter) assertRoundTrips("SET TIME ZONE 'UTC'");
        assertThat(set.name()).isEqualTo("timezone");
        assertThat(set.values().get(0)).hasToString("'UTC'");
        assertThat(((SqlSetParameter) assertRoundTrips("SET TIME ZONE LOCAL")).isDefault()).isTrue();
        assertThat(((SqlSetParameter) assertRoundTrips("SET TIME ZONE DEFAULT")).isDefault()).isTrue();
    }

    @Test
    void shouldParseReset() {
        assertThat(((SqlResetParameter) assertRoundTrips("RESET search_path")).name()).isEqualTo("search_path");
        assertThat(((SqlResetParameter) assertRoundTrips("RESET ALL")).isAll()).isTrue();
    }

    @Test
    void shouldParseSetTransactionCharacteristicsAsNoOpNode() {
        SqlSetTransaction set = (SqlSetTransaction) assertRoundTrips(
                "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED, READ WRITE");
        assertThat(set.sessionCharacteristics()).isTrue();
        assertThat(set.modes().isolationLevel()).isEqualTo(TransactionModes.IsolationLevel.READ_COMMITTED);
        assertThat(set.modes().readOnly()).isFalse();
        SqlSetTransaction plain = (SqlSetTransaction) assertRoundTrips("SET TRANSACTION READ ONLY");
        assertThat(plain.sessionCharacteristics()).isFalse();
        assertThat(plain.modes().readOnly()).isTrue();
    }

    @Test
    void shouldParseTransactionCommands() {
        SqlTransaction begin = (SqlTransaction) assertRoundTrips(
                "BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE READ ONLY");
        assertThat(begin.transactionKind()).isEqualTo(SqlTransaction.Kind.BEGIN);
        assertThat(begin.modes().isolationLevel()).isEqualTo(TransactionModes.IsolationLevel.SERIALIZABLE);
        assertThat(begin.modes().readOnly()).isTrue();
        assertThat(kindOf("BEGIN")).isEqualTo(SqlTransaction.Kind.BEGIN);
        assertThat(kindOf("BEGIN WORK")).isEqualTo(SqlTransaction.Kind.BEGIN);
        assertThat(kindOf("START TRANSACTION")).isEqualTo(SqlTransaction.Kind.BEGIN);
        assertThat(kindOf("COMMIT")).isEqualTo(SqlTransaction.Kind.COMMIT);
        assertThat(kindOf("COMMIT WORK")).isEqualTo(SqlTransaction.Kind.COMMIT);
        assertThat(kindOf("END")).isEqualTo(SqlTransaction.Kind.COMMIT);
        assertThat(kindOf("END TRANSACTION")).isEqualTo(SqlTransaction.Kind.COMMIT);
        assertThat(kindOf("ROLLBACK")).isEqualTo(SqlTransaction.Kind.ROLLBACK);
        assertThat(kindOf("ROLLBACK TRANSACTION")).isEqualTo(SqlTransaction.Kind.ROLLBACK);
        assertThat(kindOf("ABORT")).isEqualTo(SqlTransaction.Kind.ROLLBACK);
    }

    private SqlTransaction.Kind kindOf(String sql) {
        return ((SqlTransaction) assertRoundTrips(sql)).transactionKind();
    }

    @Test
    void shouldParsePostgresExplain() {
        SqlExplain query = (SqlExplain) assertRoundTrips("EXPLAIN SELECT a FROM t");
        assertThat(query.getExplicandum()).isInstanceOf(SqlSelect.class);
        SqlExplain mv = (SqlExplain) assertRoundTrips("EXPLAIN CREATE MATERIALIZED VIEW mv AS SELECT a FROM t");
        assertThat(mv.getExplicandum()).isInstanceOf(SqlCreateMaterializedView.class);
        SqlExplain insert = (SqlExplain) assertRoundTrips("EXPLAIN INSERT INTO t VALUES (1)");
        assertThat(insert.getExplicandum().getKind()).isEqualTo(SqlKind.INSERT);
        SqlExplain calcite = (SqlExplain) assertRoundTrips("EXPLAIN PLAN FOR SELECT 1");
        assertThat(calcite.getExplicandum()).isInstanceOf(SqlSelect.class);
    }

    @Test
    void shouldParseDescribeAndFlush() {
        assertThat(((SqlDescribeObject) assertRoundTrips("DESCRIBE mv")).name().getSimple()).isEqualTo("mv");
        assertThat(assertRoundTrips("FLUSH")).isInstanceOf(SqlFlush.class);
    }

    @Test
    void shouldParseSubscribe() {
        SqlSubscribe subscribe = (SqlSubscribe) assertRoundTrips("SUBSCRIBE TO mv WITH (SNAPSHOT = false)");
        assertThat(subscribe.name().getSimple()).isEqualTo("mv");
        assertThat(subscribe.optionMap()).containsExactly(Map.entry("snapshot", "false"));
        SqlSubscribe bare = (SqlSubscribe) assertRoundTrips("SUBSCRIBE mv");
        assertThat(bare.options()).isEmpty();
    }

    @Test
    void shouldParseCopySubscribeAndQueryToStdout() {
        SqlCopyTo copy = (SqlCopyTo) assertRoundTrips("COPY (SUBSCRIBE TO mv) TO STDOUT");
        assertThat(copy.source()).isInstanceOf(SqlSubscribe.class);
        SqlCopyTo query = (SqlCopyTo) assertRoundTrips("COPY (SELECT a FROM t) TO STDOUT WITH (FORMAT csv, HEADER)");
        assertThat(query.source()).isInstanceOf(SqlSelect.class);
        assertThat(query.optionMap()).containsExactly(Map.entry("format", "csv"), Map.entry("header", "true"));
    }

    @Test
    void shouldParseCursorCommands() {
        SqlDeclareCursor declare = (SqlDeclareCursor) assertRoundTrips("DECLARE c CURSOR WITH HOLD FOR SUBSCRIBE TO mv");
        assertThat(declare.name().getSimple()).isEqualTo("c");
        assertThat(declare.withHold()).isTrue();
        assertThat(declare.query()).isInstanceOf(SqlSubscribe.class);
        SqlDeclareCursor query = (SqlDeclareCursor) assertRoundTrips("DECLARE c CURSOR FOR SELECT * FROM t");
        assertThat(query.query()).isInstanceOf(SqlSelect.class);
        assertThat(((SqlFetch) assertRoundTrips("FETCH 100 c")).count()).isEqualTo(100);
        assertThat(((SqlFetch) assertRoundTrips("FETCH FORWARD ALL FROM c")).isAll()).isTrue();
        assertThat(((SqlFetch) assertRoundTrips("FETCH NEXT IN c")).count()).isEqualTo(1);
        assertThat(((SqlFetch) assertRoundTrips("FETCH c")).cursorName().getSimple()).isEqualTo("c");
        SqlFetch timed = (SqlFetch) assertRoundTrips("FETCH ALL c WITH (timeout = '1s')");
        assertThat(timed.optionMap()).containsEntry("timeout", "1s");
        assertThat(((SqlCloseCursor) assertRoundTrips("CLOSE c")).cursorName().getSimple()).isEqualTo("c");
        assertThat(((SqlCloseCursor) assertRoundTrips("CLOSE ALL")).isAll()).isTrue();
    }

    @Test
    void shouldKeepNewKeywordsUsableAsIdentifiers() {
        assertRoundTrips("SELECT source, sink, watermark, tables, subscribe, flush FROM t");
    }
}
