package dev.freshet.server.session;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.calcite.rel.type.RelDataTypeField;

import dev.freshet.common.ErrorCode;
import dev.freshet.common.FreshetException;
import dev.freshet.executor.Subscription;
import dev.freshet.parser.FreshetSqlParser;
import dev.freshet.parser.ddl.SqlSubscribe;
import dev.freshet.planner.BatchQuery;
import dev.freshet.planner.CatalogObject;
import dev.freshet.planner.MaterializedViewDescriptor;
import dev.freshet.planner.ObjectKind;
import dev.freshet.server.catalog.PgFunctions;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * {@code SUBSCRIBE [TO] mv [WITH (snapshot = false)]}: the materialized view's change stream as rows
 * {@code (epoch BIGINT, diff INT, <the view's columns>)}. The view's rows as of the last committed
 * epoch come first (diff = copies, epoch = that epoch) unless {@code snapshot = false}; then every
 * later epoch's net changes, deletions before insertions. The stream has no end: the statement
 * runs until it is canceled or its client goes away, or the subscription ends with an error.
 *
 * <p>As a statement of its own it streams DataRows as epochs commit (psql shows them only at the
 * end: use {@code COPY (SUBSCRIBE ...) TO STDOUT}); inside {@code DECLARE ... CURSOR FOR} it is
 * read with FETCH ({@link SessionCursors}).
 */
final class SubscribeStatement implements PgStatement {
    /** How long one fetch waits for changes before it lets the protocol check on the client. */
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    /** The most rows one fetch hands out when the client set no limit. */
    private static final int CHUNK_ROWS = 1000;

    private final MaterializedViewDescriptor view;
    private final boolean withSnapshot;
    private final List<RelDataTypeField> fields;
    private final List<PgColumn> columns;
    private final FreshetSession session;
    private final Database database;

    private SubscribeStatement(MaterializedViewDescriptor view, boolean withSnapshot, List<RelDataTypeField> fields,
            FreshetSession session, Database database) {
        this.view = view;
        this.withSnapshot = withSnapshot;
        this.fields = List.copyOf(fields);
        this.session = session;
        this.database = database;
        List<PgColumn> columns = new ArrayList<>();
        columns.add(PgColumn.of("epoch", PgType.INT8));
        columns.add(PgColumn.of("diff", PgType.INT4));
        for (RelDataTypeField field : fields) {
            columns.add(WireValues.column(field.getName(), field.getType()));
        }
        this.columns = List.copyOf(columns);
    }

    /** Checks the statement: the object must be a materialized view, the options known. */
    static SubscribeStatement prepare(SqlSubscribe subscribe, FreshetSession session, Database database) {
        String name = Commands.simpleName(subscribe.name());
        CatalogObject object = database.catalog().find(name).orElseThrow(() -> new FreshetException(
                ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
        if (!(object instanceof MaterializedViewDescriptor view)) {
            String kind = object.objectKind().displayName();
            FreshetException error = new FreshetException(ErrorCode.WRONG_OBJECT_TYPE,
                    "SUBSCRIBE streams the changes of a materialized view, and \"" + name + "\" is a " + kind);
            if (EnumSet.of(ObjectKind.TABLE, ObjectKind.VIEW, ObjectKind.SOURCE).contains(object.objectKind())) {
                error.withHint("Create a materialized view over it and subscribe to that: CREATE MATERIALIZED VIEW "
                        + name + "_changes AS SELECT * FROM " + name + "; SUBSCRIBE TO " + name + "_changes;");
            }
            throw error;
        }
        boolean withSnapshot = true;
        for (Map.Entry<String, String> option : subscribe.optionMap().entrySet()) {
            if (!option.getKey().toLowerCase(Locale.ROOT).equals("snapshot")) {
                throw new FreshetException(ErrorCode.INVALID_PARAMETER_VALUE,
                        "SUBSCRIBE has no option \"" + option.getKey() + "\"")
                        .withHint("The only option is snapshot: WITH (snapshot = false) leaves out the view's "
                                + "current rows and streams only changes.");
            }
            withSnapshot = StatementOptions.flag("SUBSCRIBE", "snapshot", option.getValue());
        }
        String everything = "SELECT * FROM " + PgFunctions.quoteIdent(view.name());
        BatchQuery rows = session.planner().planQuery(new FreshetSqlParser().parseStatement(everything), everything,
                List.of());
        return new SubscribeStatement(view, withSnapshot, rows.rowType().getFieldList(), session, database);
    }

    @Override
    public List<PgType> parameterTypes() {
        return List.of();
    }

    @Override
    public List<PgColumn> columns() {
        return columns;
    }

    @Override
    public Portal bind(List<Object> parameters) {
        return new Portal();
    }

    /** One subscription; it begins when first fetched from, or when {@link #start} is called. */
    final class Portal implements PgPortal {
        private Subscription subscription;

        /** Subscribes now (DECLARE ... CURSOR FOR SUBSCRIBE): the snapshot is the view as of now. */
        void start() {
            if (subscription == null) {
                subscription = database.subscribe(view, withSnapshot);
            }
        }

        @Override
        public List<PgColumn> columns() {
            return columns;
        }

        /** Hands out what changes are ready, waiting a moment for some: the result never completes. */
        @Override
        public PgResult fetch(int maxRows) {
            return new PgResult(take(maxRows > 0 ? Math.min(maxRows, CHUNK_ROWS) : CHUNK_ROWS, WAIT_NANOS),
                    false, "SUBSCRIBE");
        }

        /**
         * Up to {@code maxRows} changes in wire form, waiting up to {@code timeoutNanos} for the first
         * ({@code < 0}: until one comes or the statement is canceled).
         */
        List<Object[]> take(int maxRows, long timeoutNanos) {
            start();
            List<Subscription.Change> changes = subscription.poll(maxRows, timeoutNanos, session::checkCanceled);
            List<Object[]> rows = new ArrayList<>(changes.size());
            for (Subscription.Change change : changes) {
                Object[] row = new Object[columns.size()];
                row[0] = change.epoch();
                row[1] = Math.toIntExact(change.diff());
                for (int i = 0; i < fields.size(); i++) {
                    row[i + 2] = WireValues.toWire(change.row()[i], fields.get(i).getType(), session.settings().zone());
                }
                rows.add(row);
            }
            return rows;
        }

        @Override
        public void close() {
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
