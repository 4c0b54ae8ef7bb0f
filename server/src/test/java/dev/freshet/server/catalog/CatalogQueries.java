package dev.freshet.server.catalog;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.sql.SqlNode;

import dev.freshet.parser.FreshetSqlParser;
import dev.freshet.planner.BatchQuery;
import dev.freshet.planner.Catalog;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.ColumnDescriptor;
import dev.freshet.planner.DataType;
import dev.freshet.planner.KeyRange;
import dev.freshet.planner.PlannerSession;
import dev.freshet.planner.SqlPlanner;
import dev.freshet.planner.TableDescriptor;
import dev.freshet.planner.TableReader;
import dev.freshet.planner.ViewDescriptor;

/**
 * Plans and runs queries the way the server does, with Freshet's parser, the planner and
 * {@link PgCatalogExtension}, over a small catalog: {@code users} (primary key, NOT NULL, a
 * DEFAULT, numeric and varchar modifiers), {@code bids} (no primary key) and the view {@code rich}.
 */
final class CatalogQueries {
    static final long USERS_ID = 1;
    static final long BIDS_ID = 2;
    static final long RICH_ID = 3;
    static final long USERS_OID = PgCatalogSnapshot.relationOid(USERS_ID);
    static final long BIDS_OID = PgCatalogSnapshot.relationOid(BIDS_ID);
    static final long RICH_OID = PgCatalogSnapshot.relationOid(RICH_ID);

    private final Catalog catalog;
    private final PgCatalogExtension extension;

    CatalogQueries(Map<String, String> settings) {
        this.catalog = sampleCatalog();
        this.extension = new PgCatalogExtension(() -> settings);
    }

    CatalogQueries() {
        this(Map.of());
    }

    static Catalog sampleCatalog() {
        TableDescriptor users = new TableDescriptor(USERS_ID, "users", List.of(
                new ColumnDescriptor("id", DataType.of(DataType.Kind.INTEGER), false, null),
                new ColumnDescriptor("name", DataType.varchar(20), false, null),
                new ColumnDescriptor("city", DataType.of(DataType.Kind.VARCHAR), true, "'Paris'"),
                new ColumnDescriptor("score", DataType.decimal(10, 2), true, null),
                new ColumnDescriptor("created", DataType.of(DataType.Kind.TIMESTAMP), true, null)),
                List.of(0), null,
                "CREATE TABLE users (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, city TEXT DEFAULT 'Paris', "
                        + "score NUMERIC(10, 2), created TIMESTAMP)");
        TableDescriptor bids = new TableDescriptor(BIDS_ID, "bids", List.of(
                new ColumnDescriptor("auction", DataType.of(DataType.Kind.BIGINT), true, null),
                new ColumnDescriptor("price", DataType.of(DataType.Kind.BIGINT), true, null),
                new ColumnDescriptor("date_time", DataType.of(DataType.Kind.TIMESTAMPTZ), true, null)),
                List.of(), null, "CREATE TABLE bids (auction BIGINT, price BIGINT, date_time TIMESTAMPTZ)");
        ViewDescriptor rich = new ViewDescriptor(RICH_ID, "rich", List.of(
                new ColumnDescriptor("id", DataType.of(DataType.Kind.INTEGER), false, null),
                new ColumnDescriptor("name", DataType.varchar(20), false, null)),
                "SELECT id, name FROM users WHERE score > 10", List.of(USERS_ID),
                "CREATE VIEW rich AS SELECT id, name FROM users WHERE score > 10");
        List<CatalogObject> objects = List.of(users, bids, rich);
        return Catalog.of(objects);
    }

    /** Runs a query without parameters; each row as a list of internal values. */
    List<List<Object>> run(String sql) {
        return run(sql, List.of());
    }

    /** Runs a query whose parameters $1, $2, … are text, as pgjdbc sends its metadata patterns. */
    List<List<Object>> run(String sql, List<Object> textParameters) {
        SqlNode node = PgCatalogRewriter.rewrite(new FreshetSqlParser().parseStatement(sql));
        List<DataType> parameterTypes = new ArrayList<>();
        for (int i = 0; i < textParameters.size(); i++) {
            parameterTypes.add(DataType.of(DataType.Kind.VARCHAR));
        }
        PlannerSession session = new PlannerSession(catalog, FreshetSqlParser.config(), List.of(extension),
                TimeZone.getTimeZone("UTC"), "freshet", "freshet");
        BatchQuery query = new SqlPlanner(session).planQuery(node, sql, parameterTypes);
        Enumerable<Object[]> rows = query.execute(new EmptyTableReader(), textParameters,
                TimeZone.getTimeZone("UTC"), "freshet", new AtomicBoolean());
        List<List<Object>> result = new ArrayList<>();
        for (Object[] row : rows) {
            result.add(Arrays.asList(row));
        }
        return result;
    }

    /** The column names of a query's result. */
    List<String> columnNames(String sql) {
        SqlNode node = PgCatalogRewriter.rewrite(new FreshetSqlParser().parseStatement(sql));
        PlannerSession session = new PlannerSession(catalog, FreshetSqlParser.config(), List.of(extension),
                TimeZone.getTimeZone("UTC"), "freshet", "freshet");
        return new SqlPlanner(session).planQuery(node, sql, List.of()).rowType().getFieldNames();
    }

    /** User tables hold no rows: the catalog queries read only the system tables. */
    private static final class EmptyTableReader implements TableReader {
        @Override
        public Enumerable<Object[]> scan(TableDescriptor table, KeyRange range) {
            return Linq4j.emptyEnumerable();
        }
    }
}
