package dev.freshet.server.session;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

import dev.freshet.planner.BatchQuery;
import dev.freshet.server.pgwire.PgColumn;
import dev.freshet.server.pgwire.PgPortal;
import dev.freshet.server.pgwire.PgResult;
import dev.freshet.server.pgwire.PgStatement;
import dev.freshet.server.pgwire.PgType;

/**
 * A SELECT (or VALUES, WITH, …): planned once when prepared, run over one consistent read each
 * time a portal executes it, its rows streamed out as the client fetches them.
 */
final class QueryStatement implements PgStatement {
    private final BatchQuery query;
    private final List<PgColumn> columns;
    private final List<PgType> parameterTypes;
    private final FreshetSession session;

    QueryStatement(BatchQuery query, FreshetSession session) {
        this.query = requireNonNull(query, "query is null");
        this.session = requireNonNull(session, "session is null");
        List<PgColumn> columns = new ArrayList<>();
        for (RelDataTypeField field : query.rowType().getFieldList()) {
            columns.add(WireValues.column(field.getName(), field.getType()));
        }
        this.columns = List.copyOf(columns);
        List<PgType> parameterTypes = new ArrayList<>();
        for (RelDataType type : query.parameterTypes()) {
            parameterTypes.add(WireValues.pgType(type));
        }
        this.parameterTypes = List.copyOf(parameterTypes);
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
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < query.parameterTypes().size(); i++) {
            Object value = i < parameters.size() ? parameters.get(i) : null;
            values.add(WireValues.fromWire(value, query.parameterTypes().get(i), i + 1));
        }
        return new Portal(() -> session.runQuery(query, values));
    }

    private final class Portal implements PgPortal {
        private final Supplier<QueryRun> start;
        private QueryRun run;
        private long rowCount;

        Portal(Supplier<QueryRun> start) {
            this.start = start;
        }

        @Override
        public List<PgColumn> columns() {
            return columns;
        }

        @Override
        public PgResult fetch(int maxRows) {
            if (run == null) {
                run = start.get();
            }
            List<RelDataTypeField> fields = query.rowType().getFieldList();
            List<Object[]> rows = new ArrayList<>();
            Enumerator<Object[]> enumerator = run.rows();
            boolean more = true;
            while (maxRows <= 0 || rows.size() < maxRows) {
                session.checkCanceled();
                if (!enumerator.moveNext()) {
                    more = false;
                    break;
                }
                Object[] row = enumerator.current();
                Object[] wire = new Object[fields.size()];
                for (int i = 0; i < wire.length; i++) {
                    wire[i] = WireValues.toWire(row[i], fields.get(i).getType(), session.settings().zone());
                }
                rows.add(wire);
            }
            rowCount += rows.size();
            if (!more) {
                close();
            }
            return new PgResult(rows, !more, "SELECT " + rowCount);
        }

        @Override
        public void close() {
            if (run != null) {
                run.close();
            }
        }
    }

    /** A running query: its rows, and the read they come from, released together. */
    interface QueryRun extends AutoCloseable {
        Enumerator<Object[]> rows();

        @Override
        void close();
    }
}
